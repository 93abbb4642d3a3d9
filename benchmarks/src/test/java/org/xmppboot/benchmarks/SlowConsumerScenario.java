package org.xmppboot.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.test.LocalProsody;

/**
 * A slow handler makes back-pressure, not unbounded memory: one connection whose message handler takes a
 * millisecond per message, flooded by {@link LoadBenchmark#CONNECTIONS} others sending as fast as they can. Its
 * event queue should stop at about {@code eventQueueCapacity} (the read thread then stops reading, TCP fills, and
 * the backlog waits in the server), and this JVM's heap should stay flat while it drains. Run twice: with the
 * handler as an event handler ({@code addEventHandler("message", ...)}, the usual API), and as a stream handler
 * ({@code registerHandler}), which the capacity bounds directly.
 */
final class SlowConsumerScenario {

    private static final int CAPACITY = 1_000;
    private static final int MESSAGES_PER_SENDER = 10;
    /** Large enough that a queue growing without bound would show in the heap at once. */
    private static final String BODY = "x".repeat(1024);

    private SlowConsumerScenario() {
    }

    static void run(LocalProsody server, Optional<ProcessHandle> prosody) throws Exception {
        System.out.printf(Locale.ROOT, "%n== slow consumer: 1 ms per message, eventQueueCapacity %d, %d senders x %d "
                + "messages of 1 KiB, platform threads ==%n", CAPACITY, LoadBenchmark.CONNECTIONS,
                MESSAGES_PER_SENDER);
        once(server, prosody, true);
        once(server, prosody, false);
    }

    private static void once(LocalProsody server, Optional<ProcessHandle> prosody, boolean eventHandler)
            throws Exception {
        String prefix = "slow-" + (eventHandler ? "e" : "s") + "-";
        LongAdder handled = new LongAdder();
        ClientXMPP sink = LoadBenchmark.client(server, prefix + "sink", false, CAPACITY);
        if (eventHandler) {
            sink.addEventHandler("message", data -> {
                Thread.sleep(1);
                handled.increment();
            });
        } else {
            sink.registerHandler(StreamHandler.of("slow", Matcher.stanzaPath("message@type=chat/body"), s -> {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.increment();
            }));
        }
        List<ClientXMPP> clients = new ArrayList<>();
        clients.add(sink);
        for (int i = 0; i < LoadBenchmark.CONNECTIONS; i++) {
            clients.add(LoadBenchmark.client(server, prefix + i, false, 10_000));
        }
        LoadBenchmark.Connected connected = LoadBenchmark.connectAll(clients);
        if (!connected.clients().contains(sink)) {
            System.out.println("  the slow connection did not connect: " + connected.failures());
            LoadBenchmark.disconnectAll(clients, prefix);
            return;
        }
        List<ClientXMPP> senders = new ArrayList<>(connected.clients());
        senders.remove(sink);
        long heap0 = LoadProbes.usedHeapAfterGc();
        long rss0 = LoadProbes.residentBytes(prosody);
        AtomicInteger maxQueue = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxQueue.accumulateAndGet(sink.eventQueueSize(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "slow-sampler");
        sampler.setDaemon(true);
        sampler.start();

        long expected = (long) senders.size() * MESSAGES_PER_SENDER;
        Jid to = sink.boundJid();
        long t0 = System.nanoTime();
        for (int m = 0; m < MESSAGES_PER_SENDER; m++) {
            for (ClientXMPP sender : senders) {
                sender.send(sender.makeMessage(to, BODY, Message.Type.CHAT));
            }
        }
        System.out.printf(Locale.ROOT, "%s handler; before the flood: heap after GC %.1f MB, Prosody RSS %.1f MB%n",
                eventHandler ? "event" : "stream", heap0 / 1048576.0, rss0 / 1048576.0);
        System.out.println("     t   handled   queue (max)   heap after GC MB   Prosody RSS MB");
        long maxHeap = heap0;
        long maxRss = rss0;
        long lastHandled = -1;
        long lastChange = System.nanoTime();
        while (true) {
            Thread.sleep(2000);
            long heap = LoadProbes.usedHeapAfterGc();
            long rss = LoadProbes.residentBytes(prosody);
            maxHeap = Math.max(maxHeap, heap);
            maxRss = Math.max(maxRss, rss);
            long done = handled.sum();
            System.out.printf(Locale.ROOT, "  %4.0fs  %8d  %6d (%5d)  %17.1f  %15.1f%n", (System.nanoTime() - t0) / 1e9,
                    done, sink.eventQueueSize(), maxQueue.get(), heap / 1048576.0, rss / 1048576.0);
            if (done != lastHandled) {
                lastHandled = done;
                lastChange = System.nanoTime();
            }
            if (done >= expected || System.nanoTime() - lastChange > 15e9) {
                break;
            }
        }
        sampler.interrupt();
        System.out.printf(Locale.ROOT, "  handled %d of %d in %.1f s; event queue max %d (capacity %d); heap after GC "
                + "max %+.1f MB over the start; Prosody RSS max %+.1f MB over the start%n", handled.sum(), expected,
                (System.nanoTime() - t0) / 1e9, maxQueue.get(), CAPACITY, (maxHeap - heap0) / 1048576.0,
                (maxRss - rss0) / 1048576.0);
        LoadBenchmark.disconnectAll(clients, prefix);
    }
}
