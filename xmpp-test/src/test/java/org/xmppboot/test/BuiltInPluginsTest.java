package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0092.SoftwareVersion;
import org.xmppboot.plugins.xep0199.Ping;
import org.xmppboot.xml.XmlElement;

/** XEP-0030, XEP-0092 and XEP-0199 as shipped, over the scripted transport (against servers: ClientIntegrationTest). */
class BuiltInPluginsTest {

    @Test
    void discoAnswersWithTheFeaturesOfEveryPluginAndDependenciesLoadByName() {
        try (StreamTester t = StreamTester.client("bot@example.com/test", new Ping(),
                new SoftwareVersion().set("demo", "2.0", null))) {
            assertThat(t.client().plugin(ServiceDiscovery.NAME)).as("loaded as a dependency").isNotNull();

            t.recv("<iq type='get' id='d1' from='a@example.com/x'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            t.expectSent("<iq type='result' id='d1' to='a@example.com/x'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='client' type='bot'/>"
                    + "<feature var='http://jabber.org/protocol/disco#info'/>"
                    + "<feature var='http://jabber.org/protocol/disco#items'/>"
                    + "<feature var='jabber:iq:version'/><feature var='urn:xmpp:ping'/></query></iq>");

            t.recv("<iq type='get' id='d2' from='a@example.com/x'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info' node='unknown'/></iq>");
            t.expectSent("<iq type='error' id='d2' to='a@example.com/x'><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");

            t.recv("<iq type='get' id='p1' from='a@example.com/x'><ping xmlns='urn:xmpp:ping'/></iq>");
            t.expectSent("<iq type='result' id='p1' to='a@example.com/x'/>");

            t.recv("<iq type='get' id='v1' from='a@example.com/x'><query xmlns='jabber:iq:version'/></iq>");
            t.expectSent("<iq type='result' id='v1' to='a@example.com/x'><query xmlns='jabber:iq:version'>"
                    + "<name>demo</name><version>2.0</version></query></iq>");
        }
    }

    @Test
    void anUnansweredKeepaliveEndsTheConnection() throws Exception {
        try (StreamTester t = StreamTester.client("bot@example.com/test", new Ping())) {
            BlockingQueue<Object> ended = new LinkedBlockingQueue<>();
            t.client().addEventHandler("disconnected", ended::add);
            t.client().plugin(Ping.class).keepalive(Duration.ofMillis(100), Duration.ofMillis(300));

            XmlElement ping = t.nextSent();
            assertThat(ping.attribute("to")).isEqualTo("example.com");
            assertThat(ping.element("ping", Ping.NAMESPACE)).isNotNull();
            assertThat(ended.poll(5, TimeUnit.SECONDS)).isEqualTo("keepalive ping unanswered");
        }
    }
}
