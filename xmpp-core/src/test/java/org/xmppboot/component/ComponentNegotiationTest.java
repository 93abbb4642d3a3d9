package org.xmppboot.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.stream.InMemoryTransport;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

class ComponentNegotiationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void beforeTheHandshakeIsAcceptedNothingButItReachesHandlers() throws Exception {
        ComponentXMPP component = new ComponentXMPP(ComponentConfig.of("bot.example.com", "secret", "in-memory", 5347)
                .withStream(StreamConfig.defaults().withName("component")));
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        component.registerHandler(StreamHandler.of("chat", Matcher.stanzaPath("message/body"),
                s -> seen.add(s.xml().namespace() + " " + s.xml().childText("body", s.xml().namespace()))));
        InMemoryTransport peer = new InMemoryTransport();
        component.connect(peer);
        assertThat(peer.nextSentEvent(WAIT)).isInstanceOf(InMemoryTransport.Header.class);
        peer.receive("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
                + "xmlns:stream='http://etherx.jabber.org/streams' from='bot.example.com' id='c1'>"
                + "<message xmlns='urn:evil' from='a@example.com' to='bot.example.com'><body>foreign</body></message>"
                + "<message from='a@example.com' to='bot.example.com'><body>too early</body></message>");
        assertThat(peer.nextSent(WAIT).name()).isEqualTo("handshake");
        peer.receive("<handshake/><message xmlns='urn:evil' from='a@example.com'><body>foreign</body></message>"
                + "<message from='a@example.com' to='bot.example.com'><body>after</body></message>");

        assertThat(component.sessionFuture().get(5, TimeUnit.SECONDS).toString()).isEqualTo("bot.example.com");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("jabber:component:accept after");
        assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
        component.disconnect();
        peer.receive("</stream:stream>");
        component.terminated().get(10, TimeUnit.SECONDS);
    }
}
