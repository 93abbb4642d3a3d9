package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.xml.XmlElement;

class OutboundTest {

    private static final Jid TO = Jid.of("a@b");

    @Test
    void theTrackerSeesEachStanzaWhenItIsHandedToTheConnectionInWireOrderAndNothingElse() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            List<String> tracked = Collections.synchronizedList(new ArrayList<>());
            h.xmpp.trackOutbound((stanza, bytes) -> tracked.add(((Message) stanza).getBody() + " "
                    + new String(bytes, StandardCharsets.UTF_8).contains(((Message) stanza).getBody())));

            h.xmpp.sendMessage(TO, "held-before-connecting", null);
            assertThat(tracked).as("held, not on any connection yet").isEmpty();
            h.start();
            assertThat(tracked).containsExactly("held-before-connecting true");

            h.xmpp.holdStanzas();
            h.xmpp.sendMessage(TO, "held-during-negotiation", null);
            h.xmpp.sendNegotiation(new XmlElement("r", "urn:xmpp:sm:3"));
            assertThat(tracked).hasSize(1);
            h.xmpp.releaseStanzas();
            h.xmpp.sendMessage(TO, "direct", null);
            assertThat(tracked).containsExactly("held-before-connecting true", "held-during-negotiation true",
                    "direct true");

            assertThat(h.nextSent().toXml()).contains("held-before-connecting");
            assertThat(h.nextSent().name()).isEqualTo("r");
            assertThat(h.nextSent().toXml()).contains("held-during-negotiation");
            assertThat(h.nextSent().toXml()).contains("direct");
        }
    }

    @Test
    void aStanzaDroppedByAFilterOrFailingToSerialiseIsNeverTracked() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            List<Object> tracked = Collections.synchronizedList(new ArrayList<>());
            h.xmpp.trackOutbound((stanza, bytes) -> tracked.add(stanza));
            StanzaFilter dropAll = s -> null;
            h.xmpp.addFilter(Direction.OUT, dropAll, 0);
            h.start();
            h.xmpp.sendMessage(TO, "dropped", null);
            assertThat(h.xmpp.removeFilter(Direction.OUT, dropAll)).isTrue();
            assertThatThrownBy(() -> h.xmpp.sendMessage(TO, "nul \u0000", null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(tracked).isEmpty();
        }
    }

    @Test
    void whileThereIsNoSessionSendsWaitUpToTheBoundThenFailLoudlyAndThoseWaitingGoOutInOrder() throws Exception {
        try (StreamHarness h = new StreamHarness(StreamConfig.defaults().withName("bounded").withMaxQueuedOutbound(3))) {
            for (int i = 1; i <= 3; i++) {
                h.xmpp.sendMessage(TO, "m" + i, null);
            }
            assertThatThrownBy(() -> h.xmpp.sendMessage(TO, "m4", null))
                    .isInstanceOf(OutboundQueueFullException.class).hasMessageContaining("3 stanzas already wait");
            assertThat(h.xmpp.heldStanzaCount()).isEqualTo(3);

            h.start();
            for (int i = 1; i <= 3; i++) {
                assertThat(h.nextSent().toXml()).contains("m" + i);
            }
            h.xmpp.sendMessage(TO, "m5", null);
            assertThat(h.nextSent().toXml()).contains("m5");
        }
    }
}
