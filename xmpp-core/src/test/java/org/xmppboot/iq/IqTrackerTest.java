package org.xmppboot.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.IqTimeoutException;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/** The iq requests we send and their responses (RFC 6120 §8.2.3). */
class IqTrackerTest {

    @Test
    void iqResultCompletesTheFutureErrorFailsItAndTimeoutFailsIt() throws Exception {
        try (StreamHarness h = new StreamHarness(StreamConfig.defaults().withName("test")
                .withIqTimeout(Duration.ofMillis(200)))) {
            h.start();
            CompletableFuture<Iq> ok = h.xmpp.makeIqGet("jabber:iq:version", Jid.of("server.example")).send();
            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("type")).isEqualTo("get");
            h.receive("<iq type='result' from='server.example' id='" + sent.attribute("id") + "'>"
                    + "<query xmlns='jabber:iq:version'><name>x</name></query></iq>");
            Iq result = ok.get(5, TimeUnit.SECONDS);
            assertThat(result.getPayload().childText("name", "jabber:iq:version")).isEqualTo("x");

            CompletableFuture<Iq> failed = h.xmpp.makeIqGet("urn:x", Jid.of("nobody@example.com")).send();
            String id = h.nextSent().attribute("id");
            // A response from anyone else is not accepted as the answer.
            h.receive("<iq type='result' from='mallory@evil.example' id='" + id + "'/>");
            h.receive("<iq type='error' from='nobody@example.com' id='" + id + "'><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StanzaErrorException.class)
                    .satisfies(e -> assertThat(((StanzaErrorException) e).condition())
                            .isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND));

            CompletableFuture<Iq> silent = h.xmpp.makeIqGet("urn:x", Jid.of("slow@example.com")).send();
            assertThatThrownBy(() -> silent.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(IqTimeoutException.class).hasMessageContaining("slow@example.com");
        }
    }

    @Test
    void blockingOnAnIqFutureInAHandlerFailsFastInsteadOfDeadlocking() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            AtomicReference<Throwable> caught = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            h.xmpp.registerHandler(StreamHandler.of("blocker", Matcher.stanzaPath("message"), s -> {
                try {
                    h.xmpp.makeIqGet("urn:x", Jid.of("a@b")).send().get();
                } catch (Throwable t) {
                    caught.set(t);
                }
                done.countDown();
            }));
            h.start();
            h.receive("<message/>");
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(caught.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
        }
    }
}
