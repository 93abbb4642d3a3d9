package org.xmppboot.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.IqTimeoutException;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.stream.StreamObserver;

/** Each iq request we send is reported to the stream's observer once when sent and once when it ends. */
class IqObserverTest {

    record Ended(String token, String id, @Nullable String responseType, @Nullable Throwable failure) {
    }

    static final class Recording implements StreamObserver {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<Ended> ended = new CopyOnWriteArrayList<>();

        @Override
        public Object iqSent(Iq request) {
            sent.add(request.getId());
            return "token-" + request.getId();
        }

        @Override
        public void iqCompleted(Object observation, Iq request, @Nullable Iq response, @Nullable Throwable failure) {
            ended.add(new Ended((String) observation, request.getId(),
                    response == null ? null : response.getIqType().value(), failure));
        }
    }

    private static Iq request(StreamHarness h, Jid to, String id) {
        Iq iq = h.xmpp.makeIqGet("urn:test", to);
        iq.setId(id);
        return iq;
    }

    @Test
    void resultErrorAndTimeoutEachEndTheirRequestOnce() throws Exception {
        Recording observer = new Recording();
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.setObserver(observer);
            h.start();
            Jid peer = Jid.of("a@example.com/r");
            h.xmpp.sendIq(request(h, peer, "ok"), null);
            h.xmpp.sendIq(request(h, peer, "bad"), null);
            h.xmpp.sendIq(request(h, peer, "slow"), Duration.ofMillis(200));
            h.receive("<iq type='result' id='ok' from='a@example.com/r'/>");
            h.receive("<iq type='error' id='bad' from='a@example.com/r'><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");

            await().atMost(Duration.ofSeconds(5)).until(() -> observer.ended.size() == 3);
            assertThat(observer.sent).containsExactly("ok", "bad", "slow");
            assertThat(observer.ended).extracting(Ended::id).containsExactlyInAnyOrder("ok", "bad", "slow");
            for (Ended e : observer.ended) {
                assertThat(e.token()).isEqualTo("token-" + e.id());
                switch (e.id()) {
                    case "ok" -> assertThat(e.responseType()).isEqualTo("result");
                    case "bad" -> assertThat(e.responseType()).as("an error response is a response").isEqualTo("error");
                    default -> assertThat(e.failure()).isInstanceOf(IqTimeoutException.class);
                }
            }
        }
    }
}
