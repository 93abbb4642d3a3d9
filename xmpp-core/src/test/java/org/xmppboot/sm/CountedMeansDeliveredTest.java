package org.xmppboot.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.InboundTracker;

/**
 * A stanza stream management has counted is one the client has handled (XEP-0198 §4): it goes into the
 * {@code h} of the next {@code <resume/>}, and the server then never sends it again. So once counted it must reach
 * the handlers, even when its connection ends (on another thread: a write that failed) between the count and the
 * delivery.
 */
class CountedMeansDeliveredTest {

    private @Nullable SmServer server;

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Ends its connection right after stream management has counted a message whose body is "cut here". */
    private static final class CutAfterCounting extends ClientXMPP {

        CutAfterCounting(ClientConfig config) {
            super(config);
            StreamManagement sm = streamManagement();
            assertThat(sm).isNotNull();
            InboundTracker counting = sm.inboundTracker();
            trackInbound((element, source) -> {
                boolean taken = counting.received(element, source);
                if (!taken && "cut here".equals(element.childText("body", "jabber:client"))) {
                    abort("the network failed while the read thread was delivering");
                }
                return taken;
            });
        }
    }

    @Test
    void aMessageCountedJustBeforeItsConnectionEndedStillReachesTheHandlers() throws Exception {
        SmServer s = new SmServer(new CutAfterCounting(SmServer.config().build())).session();
        server = s;
        BlockingQueue<Message> delivered = new LinkedBlockingQueue<>();
        s.client.addEventHandler("message", data -> delivered.add((Message) data));

        s.message("before");
        assertThat(delivered.poll(SmServer.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
        s.message("cut here");

        Message cut = delivered.poll(SmServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(s.sm().receivedCount()).as("counted, so claimed in the next <resume h/>").isEqualTo(2);
        assertThat(cut).as("the counted message, delivered").isNotNull();
        assertThat(cut.getBody()).isEqualTo("cut here");
    }
}
