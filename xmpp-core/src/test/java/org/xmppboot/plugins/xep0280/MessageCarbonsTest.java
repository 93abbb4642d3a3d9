package org.xmppboot.plugins.xep0280;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppboot.plugins.xep0280.BoundHarness.boundTo;
import static org.xmppboot.plugins.xep0280.BoundHarness.record;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0334.Hint;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0280's examples over the scripted transport, as Romeo's client at 'garden' sees them. */
class MessageCarbonsTest {

    static final String SELF = "romeo@montague.example/garden";

    /** XEP-0280 Example 12: a carbon of a message Romeo's other client received. */
    static final String RECEIVED = "<message xmlns='jabber:client' from='romeo@montague.example' "
            + "to='romeo@montague.example/garden' type='chat'><received xmlns='urn:xmpp:carbons:2'>"
            + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' "
            + "from='juliet@capulet.example/balcony' to='romeo@montague.example/home' type='chat'>"
            + "<body>What man art thou that, thus bescreen'd in night, so stumblest on my counsel?</body>"
            + "<thread>0e3141cd80894871a68e6fe6b1ec56fa</thread></message></forwarded></received></message>";

    /** XEP-0280 Example 13: a carbon of a message Romeo's other client sent. */
    static final String SENT = "<message xmlns='jabber:client' from='romeo@montague.example' "
            + "to='romeo@montague.example/garden' type='chat'><sent xmlns='urn:xmpp:carbons:2'>"
            + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' "
            + "to='juliet@capulet.example/balcony' from='romeo@montague.example/home' type='chat'>"
            + "<body>Neither, fair saint, if either thee dislike.</body>"
            + "<thread>0e3141cd80894871a68e6fe6b1ec56fa</thread></message></forwarded></sent></message>";

    private static Iq nextIq(StreamHarness h) throws InterruptedException {
        return new Iq(h.nextSent());
    }

    @Test
    void enablesAndDisablesWithTheServersAgreement() throws Exception {
        try (StreamHarness h = boundTo(SELF)) {
            MessageCarbons carbons = new MessageCarbons(new CarbonsConfig(false));
            h.xmpp.registerPlugin(carbons);
            h.start();

            CompletableFuture<Void> enabled = carbons.enable();
            Iq enable = nextIq(h);
            assertThat(enable.getIqType()).isEqualTo(Iq.Type.SET);
            assertThat(enable.getPayload().name()).isEqualTo("enable");
            assertThat(enable.getPayload().namespace()).isEqualTo("urn:xmpp:carbons:2");
            assertThat(carbons.isEnabled()).as("not before the server agrees").isFalse();
            h.receive("<iq type='result' id='" + enable.getId() + "' to='" + SELF + "'/>");
            enabled.get(5, TimeUnit.SECONDS);
            assertThat(carbons.isEnabled()).isTrue();

            CompletableFuture<Void> disabled = carbons.disable();
            Iq disable = nextIq(h);
            assertThat(disable.getPayload().name()).isEqualTo("disable");
            h.receive("<iq type='result' id='" + disable.getId() + "' to='" + SELF + "'/>");
            disabled.get(5, TimeUnit.SECONDS);
            assertThat(carbons.isEnabled()).isFalse();
        }
    }

    @Test
    void aRefusalFailsTheFutureAndLeavesCarbonsOff() throws Exception {
        try (StreamHarness h = boundTo(SELF)) {
            MessageCarbons carbons = new MessageCarbons(new CarbonsConfig(false));
            h.xmpp.registerPlugin(carbons);
            h.start();
            CompletableFuture<Void> enabled = carbons.enable();
            Iq enable = nextIq(h);
            h.receive("<iq type='error' id='" + enable.getId() + "' to='" + SELF + "'><enable xmlns='"
                    + "urn:xmpp:carbons:2'/><error type='cancel'><not-allowed "
                    + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            assertThat(enabled).failsWithin(Duration.ofSeconds(5));
            assertThat(carbons.isEnabled()).isFalse();
        }
    }

    @Test
    void enablesAtSessionStartUnlessConfiguredNotTo() throws Exception {
        try (StreamHarness h = boundTo(SELF)) {
            h.xmpp.registerPlugin(new MessageCarbons());
            h.start();
            h.xmpp.event("session_start", Jid.of(SELF));
            assertThat(nextIq(h).getPayload().name()).isEqualTo("enable");
        }
        try (StreamHarness h = boundTo(SELF)) {
            h.xmpp.registerPlugin(MessageCarbons.NAME);
            ((MessageCarbons) h.xmpp.plugin(MessageCarbons.NAME)).configure(new CarbonsConfig(false));
            h.start();
            h.xmpp.event("session_start", Jid.of(SELF));
            assertThat(h.peer.nextSent(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void receivedAndSentCopiesAreUnwrappedAndNeverReachMessageHandlers() throws Exception {
        try (StreamHarness h = boundTo(SELF)) {
            h.xmpp.registerPlugin(new MessageCarbons(new CarbonsConfig(false)));
            h.start();
            BlockingQueue<Object> received = record(h, MessageCarbons.EVENT_CARBON_RECEIVED);
            BlockingQueue<Object> sent = record(h, MessageCarbons.EVENT_CARBON_SENT);
            BlockingQueue<Object> messages = record(h, "message");
            BlockingQueue<Object> bodiless = record(h, "message_without_body");

            h.receive(RECEIVED);
            Message in = (Message) received.poll(5, TimeUnit.SECONDS);
            assertThat(in.getFrom()).isEqualTo(Jid.of("juliet@capulet.example/balcony"));
            assertThat(in.getBody()).startsWith("What man art thou");
            assertThat(in.getThread()).isEqualTo("0e3141cd80894871a68e6fe6b1ec56fa");

            h.receive(SENT);
            Message out = (Message) sent.poll(5, TimeUnit.SECONDS);
            assertThat(out.getTo()).isEqualTo(Jid.of("juliet@capulet.example/balcony"));
            assertThat(out.getBody()).isEqualTo("Neither, fair saint, if either thee dislike.");

            assertThat(bodiless.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(bodiless.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(messages.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(received).isEmpty();
            assertThat(sent).isEmpty();
        }
    }

    @Test
    void copiesFromAnyoneButOurAccountAreIgnored() throws Exception {
        try (StreamHarness h = boundTo(SELF)) {
            h.xmpp.registerPlugin(new MessageCarbons(new CarbonsConfig(false)));
            h.start();
            BlockingQueue<Object> received = record(h, MessageCarbons.EVENT_CARBON_RECEIVED);
            BlockingQueue<Object> bodiless = record(h, "message_without_body");

            // XEP-0280 §11: a forged carbon from someone else, and one from another resource of ours.
            h.receive(RECEIVED.replace("from='romeo@montague.example'", "from='tybalt@capulet.example/x'"));
            h.receive(RECEIVED.replace("from='romeo@montague.example'", "from='romeo@montague.example/home'"));
            h.receive(RECEIVED.replace("from='romeo@montague.example' ", ""));
            // Malformed: no forwarded message at all.
            h.receive("<message from='romeo@montague.example' to='" + SELF + "'><received "
                    + "xmlns='urn:xmpp:carbons:2'/></message>");
            for (int i = 0; i < 4; i++) {
                assertThat(bodiless.poll(5, TimeUnit.SECONDS)).as("other handlers still see the stanza")
                        .isNotNull();
            }
            h.receive(RECEIVED);
            Message genuine = (Message) received.poll(5, TimeUnit.SECONDS);
            assertThat(genuine.getBody()).startsWith("What man");
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aPrivateMessageCarriesPrivateAndNoCopy() throws Exception {
        try (StreamHarness h = boundTo(SELF)) {
            MessageCarbons carbons = new MessageCarbons(new CarbonsConfig(false));
            h.xmpp.registerPlugin(carbons);
            h.start();
            carbons.sendPrivate(h.xmpp.makeMessage(Jid.of("juliet@capulet.example/balcony"),
                    "Neither, fair saint, if either thee dislike.", Message.Type.CHAT));
            Message sent = new Message(h.nextSent());
            assertThat(sent.xml().element("private", "urn:xmpp:carbons:2")).isNotNull();
            assertThat(sent.isCarbonPrivate()).isTrue();
            assertThat(sent.hasHint(Hint.NO_COPY)).isTrue();
            assertThat(sent.get("carbon_private")).isInstanceOf(CarbonPrivate.class);
            Message wrapper = new Message(XmlElement.parse(SENT));
            assertThat(wrapper.get("carbon_sent")).isInstanceOf(Carbon.class);
            assertThat(wrapper.getCarbon().getKind()).isEqualTo(Carbon.Kind.SENT);
            assertThat(new Message(XmlElement.parse(RECEIVED)).getCarbon().getKind()).isEqualTo(Carbon.Kind.RECEIVED);
            assertThat(wrapper.isCarbonPrivate()).isFalse();
        }
    }
}
