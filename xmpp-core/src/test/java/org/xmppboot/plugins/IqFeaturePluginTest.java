package org.xmppboot.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0092.SoftwareVersion;
import org.xmppboot.plugins.xep0199.Ping;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** The built-in iq plugins answer through the iq contract. */
class IqFeaturePluginTest {

    /** A plugin with a bug. */
    static final class Failing extends IqFeaturePlugin {
        Failing() {
            super("test_failing", "urn:test", "q");
        }

        @Override
        protected @Nullable Object answer(Iq request) {
            throw new IllegalStateException("bug");
        }
    }

    private static Iq nextResponse(StreamHarness h, String id) throws InterruptedException {
        Iq response = new Iq(h.nextSent());
        assertThat(response.getId()).isEqualTo(id);
        assertThat(response.xml().attribute("to")).isEqualTo("a@example.com/r");
        return response;
    }

    @Test
    void aPluginThatThrowsStillAnswersOnce() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(new Failing());
            h.start();
            h.receive("<iq type='get' id='f1' from='a@example.com/r'><q xmlns='urn:test'/></iq>");
            Iq response = nextResponse(h, "f1");
            assertThat(response.getIqType()).isEqualTo(Iq.Type.ERROR);
            assertThat(response.getError().getCondition()).isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
            assertThat(h.peer.nextSent(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void pingVersionAndDiscoAnswer() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin(new Ping()).registerPlugin(new SoftwareVersion().set("bot", "1.2", null));
            h.start();

            h.receive("<iq type='get' id='p1' from='a@example.com/r'><ping xmlns='urn:xmpp:ping'/></iq>");
            Iq pong = nextResponse(h, "p1");
            assertThat(pong.getIqType()).isEqualTo(Iq.Type.RESULT);
            assertThat(pong.getPayload()).isNull();

            h.receive("<iq type='get' id='v1' from='a@example.com/r'><query xmlns='jabber:iq:version'/></iq>");
            XmlElement version = nextResponse(h, "v1").getPayload();
            assertThat(version.childText("name", SoftwareVersion.NAMESPACE)).isEqualTo("bot");
            assertThat(version.childText("version", SoftwareVersion.NAMESPACE)).isEqualTo("1.2");
            assertThat(version.element("os", SoftwareVersion.NAMESPACE)).isNull();

            h.receive("<iq type='get' id='d1' from='a@example.com/r'><query xmlns='" + ServiceDiscovery.INFO
                    + "'/></iq>");
            XmlElement info = nextResponse(h, "d1").getPayload();
            assertThat(info.elements("feature", ServiceDiscovery.INFO)).extracting(f -> f.attribute("var"))
                    .containsExactly(ServiceDiscovery.INFO, ServiceDiscovery.ITEMS, SoftwareVersion.NAMESPACE,
                            Ping.NAMESPACE);

            h.receive("<iq type='get' id='d2' from='a@example.com/r'><query xmlns='" + ServiceDiscovery.ITEMS
                    + "' node='x'/></iq>");
            Iq unknownNode = nextResponse(h, "d2");
            assertThat(unknownNode.getError().getCondition()).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
            assertThat(h.peer.nextSent(Duration.ofMillis(200))).isNull();
        }
    }
}
