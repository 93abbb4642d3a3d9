package org.xmppboot.plugins.xep0066;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0066's {@code jabber:x:oob}, with the XEP's own example. */
class OutOfBandDataTest {

    /** XEP-0066 Example 5: a message with out-of-band data. */
    private static final String LICENSE = "<message xmlns='jabber:client' from='stpeter@jabber.org/work' "
            + "to='MaineBoy@jabber.org/home'><body>Yeah, but do you have a license to Jabber?</body>"
            + "<x xmlns='jabber:x:oob'><url>http://www.jabber.org/images/psa-license.jpg</url></x></message>";

    @Test
    void theUrlOfAMessageIsRead() {
        Message message = new Message(XmlElement.parse(LICENSE));
        assertThat(message.getOob().getUrl()).isEqualTo("http://www.jabber.org/images/psa-license.jpg");
        assertThat(message.getOob().getDesc()).isNull();
        assertThat(message.get("oob")).isInstanceOf(Oob.class);
        Message blank = new Message(XmlElement.parse(LICENSE.replace("http://www.jabber.org/images/psa-license.jpg",
                " ")));
        assertThat(blank.getOob().getUrl()).as("an empty url is none").isNull();
    }

    @Test
    void aLinkMessageCarriesTheUrlAsBodyAndOutOfBandData() throws Exception {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerPlugin(new OutOfBandData());
        try (StreamHarness started = h.start()) {
            OutOfBandData oob = started.xmpp.plugin(OutOfBandData.class);
            oob.linkMessage(Jid.of("MaineBoy@jabber.org/home"), URI.create("https://example.org/psa-license.jpg"),
                    Message.Type.CHAT, "A license to Jabber").send();
            XmlElement sent = started.nextSent();
            assertThat(sent.childText("body", "jabber:client")).isEqualTo("https://example.org/psa-license.jpg");
            XmlElement x = sent.element("x", OutOfBandData.NAMESPACE);
            assertThat(x.childText("url", OutOfBandData.NAMESPACE)).isEqualTo("https://example.org/psa-license.jpg");
            assertThat(x.childText("desc", OutOfBandData.NAMESPACE)).isEqualTo("A license to Jabber");
            assertThat(started.xmpp.plugin(ServiceDiscovery.class).features()).contains(OutOfBandData.NAMESPACE);
        }
    }
}
