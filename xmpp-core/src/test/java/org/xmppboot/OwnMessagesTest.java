package org.xmppboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/** A message from our own full JID (reflected, or forged) reaches no handler that has not asked for it. */
class OwnMessagesTest {

    private static final Jid OWN = Jid.of("bot@example.com/work");

    private static BaseXMPP bound() {
        return new BaseXMPP("jabber:client", StreamConfig.defaults().withName("own")) {
            {
                boundJid = OWN;
            }
        };
    }

    @Test
    void messagesFromOurOwnFullJidReachOnlyHandlersThatAcceptThem() throws Exception {
        BaseXMPP xmpp = bound();
        BlockingQueue<String> plain = new LinkedBlockingQueue<>();
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        BlockingQueue<String> accepting = new LinkedBlockingQueue<>();
        xmpp.registerHandler(StreamHandler.of("echo", Matcher.stanzaPath("message/body"),
                s -> plain.add(s.xml().attribute("from"))));
        xmpp.registerHandler(StreamHandler.of("audit", Matcher.stanzaPath("message/body"),
                s -> accepting.add(s.xml().attribute("from"))).acceptOwnMessages());
        xmpp.addEventHandler("message", m -> events.add("message"));
        try (StreamHarness h = new StreamHarness(xmpp).start()) {
            h.receive("<message from='bot@example.com/work' type='chat'><body>loop?</body></message>");
            h.receive("<message from='BOT@Example.com/work' type='chat'><body>loop?</body></message>");
            h.receive("<message from='bot@example.com/home' type='chat'><body>another resource</body></message>");

            assertThat(accepting.poll(5, TimeUnit.SECONDS)).isEqualTo("bot@example.com/work");
            assertThat(accepting.poll(5, TimeUnit.SECONDS)).isEqualTo("BOT@Example.com/work");
            assertThat(accepting.poll(5, TimeUnit.SECONDS)).isEqualTo("bot@example.com/home");
            assertThat(plain.poll(5, TimeUnit.SECONDS)).as("only the other resource's")
                    .isEqualTo("bot@example.com/home");
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo("message");
            assertThat(plain.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).as("one 'message' event, not three").isNull();
        }
    }

    @Test
    void presenceFromOurOwnFullJidStillArrives() throws Exception {
        BaseXMPP xmpp = bound();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        xmpp.registerHandler(StreamHandler.of("presence", Matcher.stanzaPath("presence"),
                s -> seen.add(s.xml().attribute("from"))));
        try (StreamHarness h = new StreamHarness(xmpp).start()) {
            // RFC 6121 §4.4.2: the server sends our own available presence back to us.
            h.receive("<presence from='bot@example.com/work'/>");
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("bot@example.com/work");
        }
    }
}
