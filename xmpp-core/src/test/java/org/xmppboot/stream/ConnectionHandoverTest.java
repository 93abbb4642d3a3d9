package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * A stream going from one connection to the next while the old connection's read thread has not finished: its
 * late clean-up must not touch the new connection's read batch, so every stanza of the new connection reaches
 * its handlers and gives back its room in the event queue.
 */
class ConnectionHandoverTest {

    private static final Duration WAIT = StreamHarness.WAIT;
    private static final int CAPACITY = 8;

    @Test
    void theOldReadThreadFinishingLateLeavesTheNewConnectionsBatchAlone() throws Exception {
        AtomicReference<@Nullable Thread> oldReader = new AtomicReference<>();
        CountDownLatch oldEnding = new CountDownLatch(1);
        CountDownLatch releaseOld = new CountDownLatch(1);
        BaseXMPP xmpp = new BaseXMPP("jabber:client",
                StreamConfig.defaults().withName("handover").withEventQueueCapacity(CAPACITY)) {
            @Override
            protected void connectionEnded(boolean requested, String reason, @Nullable Throwable cause) {
                if (oldReader.compareAndSet(null, Thread.currentThread())) {
                    // The first connection ends on its read thread; hold that thread here, after 'ended' is set
                    // and before its clean-up, and stay open as a client about to reconnect does.
                    oldEnding.countDown();
                    awaitQuietly(releaseOld);
                    return;
                }
                super.connectionEnded(requested, reason, cause);
            }
        };
        BlockingQueue<String> chats = new LinkedBlockingQueue<>();
        BlockingQueue<Object> disconnects = new LinkedBlockingQueue<>();
        CountDownLatch newMidRead = new CountDownLatch(1);
        CountDownLatch resumeNew = new CountDownLatch(1);
        xmpp.registerHandler(StreamHandler.of("chats", Matcher.stanzaPath("message@type=chat/body"),
                s -> chats.add(((Message) s).getBody())));
        // Runs on the read thread in the middle of a socket read, with earlier stanzas of that read batched.
        xmpp.registerHandler(StreamHandler.of("pause", Matcher.stanzaPath("message@type=headline"), s -> {
            newMidRead.countDown();
            awaitQuietly(resumeNew);
        }).inStream());
        xmpp.addEventHandler("disconnected", disconnects::add);

        InMemoryTransport first = new InMemoryTransport();
        InMemoryTransport second = new InMemoryTransport();
        try {
            xmpp.connect(first);
            first.receive(StreamHarness.PEER_HEADER);
            await().atMost(WAIT).until(() -> xmpp.peerHeader() != null);
            first.endInput();
            assertThat(oldEnding.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            // The old connection has ended, so connecting again is allowed; its read thread is still running.
            xmpp.connect(second);
            StringBuilder oneRead = new StringBuilder(StreamHarness.PEER_HEADER);
            for (int i = 0; i < 3; i++) {
                oneRead.append("<message type='chat'><body>").append(i).append("</body></message>");
            }
            oneRead.append("<message type='headline'/>");
            for (int i = 3; i < 6; i++) {
                oneRead.append("<message type='chat'><body>").append(i).append("</body></message>");
            }
            second.receive(oneRead.toString());
            assertThat(newMidRead.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            // Now the old read thread runs its clean-up, while the new one holds the first half of its read.
            releaseOld.countDown();
            Thread old = oldReader.get();
            old.join(WAIT.toMillis());
            assertThat(old.isAlive()).as("the old read thread has finished").isFalse();
            resumeNew.countDown();

            for (int i = 0; i < 6; i++) {
                assertThat(chats.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("chat %d", i)
                        .isEqualTo(String.valueOf(i));
            }
            assertThat(disconnects.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the old connection's last event").isNotNull();
            EventDispatcher events = ((XMLStream) xmpp).events;
            await().atMost(WAIT).untilAsserted(() -> assertThat(events.inboundRoom.availablePermits())
                    .as("room in the event queue").isEqualTo(CAPACITY));
            assertThat(xmpp.eventQueueSize()).isZero();
        } finally {
            releaseOld.countDown();
            resumeNew.countDown();
            xmpp.disconnect();
            second.receive("</stream:stream>");
            xmpp.terminated().get(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
