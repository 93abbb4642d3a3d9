package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.plugins.xep0115.EntityCaps;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.xml.XmlElement;

/**
 * A client's initial presence goes through the outbound filters like any other presence, so the first presence
 * contacts see already carries what plugins add (XEP-0115 §6.1: every available presence carries the caps).
 */
class InitialPresenceTest {

    @Test
    void theInitialPresenceCarriesOurCapabilities() {
        ClientConfig config = ClientConfig.builder("bot@example.com", "password").fetchRoster(false)
                .sendInitialPresence(true).reconnect(ReconnectPolicy.DISABLED).build();
        try (StreamTester t = StreamTester.client(config, "r", new EntityCaps())) {
            XmlElement presence = t.nextSent();
            assertThat(presence.name()).isEqualTo("presence");
            XmlElement caps = presence.element("c", "http://jabber.org/protocol/caps");
            assertThat(caps).as("caps on " + presence.toXml()).isNotNull();
            assertThat(caps.attribute("ver")).isEqualTo(t.client().plugin(EntityCaps.class).verificationString());
        }
    }
}
