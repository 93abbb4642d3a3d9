package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.sm.StreamManagement;
import org.xmppboot.stanza.Message;

/**
 * The reliability promise, measured: a Smack client sends numbered requests to our bot and counts the answers,
 * while a {@link FaultProxy} cuts the bot's connection (a TCP reset) at random moments, some right after a
 * resumption. Every request must be answered, and exactly once while the server resumes every lost session.
 *
 * <p>When it cannot (Prosody 0.12 breaks a resumed stream if the cut left half of one of our stanzas in its parser,
 * and then drops the session), nothing is lost still, but some requests arrive twice: the client binds a new
 * session and sends again what the server never acknowledged, and the server delivers again (from offline storage)
 * what it never learned we had handled. So duplicates are allowed only in a run where a resumption failed, and
 * counted.
 *
 * <p>Prosody only: on ejabberd 23.01, on a busy machine, the same run loses some of the requests sent while the
 * bot's session waits to be resumed; that is not explained yet (see BENCHMARKS.md), so it is measured, not
 * promised.
 *
 * <p>The default run is short; {@code -Dxmpp.reliability.messages=10000 -Dxmpp.reliability.cuts=100} (the
 * {@code reliability} Maven profile) is the full one. Both print the tally: lost, duplicated, out of order, and
 * how long the bot took to be back after each cut.
 */
@ProsodyTest
class ZeroLossTest {

    private static final int MESSAGES = Integer.getInteger("xmpp.reliability.messages", 1_000);
    private static final int CUTS = Integer.getInteger("xmpp.reliability.cuts", 10);
    /** Pause between two requests: the run lasts about MESSAGES x PACE, over which the cuts are spread. */
    private static final Duration PACE = Duration.ofMillis(Long.getLong("xmpp.reliability.pace-ms", 5));
    private static final String PASSWORD = "zero loss";

    @Test
    void everyRequestIsAnsweredExactlyOnceWhileTheBotsConnectionIsCut(LocalProsody server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid userJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        try (FaultProxy proxy = FaultProxy.start(server.host(), server.c2sPort())) {
            ClientXMPP bot = new ClientXMPP(Clients.config(server, botJid, PASSWORD)
                    .host(proxy.host(), proxy.port())
                    .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(200), Duration.ofSeconds(2)))
                    .build());
            Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
            bot.addEventHandler("message", data -> {
                Message request = (Message) data;
                handled.computeIfAbsent(String.valueOf(request.getBody()), k -> new AtomicInteger()).incrementAndGet();
                request.reply("re:" + request.getBody()).send();
            });
            List<Long> backAt = new CopyOnWriteArrayList<>();
            bot.addEventHandler("session_start", data -> backAt.add(System.nanoTime()));
            bot.addEventHandler("session_resumed", data -> backAt.add(System.nanoTime()));
            AtomicInteger resentIntoNewSessions = new AtomicInteger();
            AtomicInteger resumptionsFailed = new AtomicInteger();
            bot.addEventHandler(StreamManagement.RESUMPTION_FAILED_EVENT, data -> resumptionsFailed.incrementAndGet());
            bot.addEventHandler(StreamManagement.RESEND_EVENT, data -> resentIntoNewSessions.addAndGet(
                    ((List<?>) data).size()));
            bot.connect().get(15, TimeUnit.SECONDS);

            XMPPTCPConnection user = SmackInteropTest.loggedIn(server, userJid, PASSWORD);
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            List<Integer> arrival = Collections.synchronizedList(new ArrayList<>());
            user.addSyncStanzaListener(stanza -> {
                String body = ((org.jivesoftware.smack.packet.Message) stanza).getBody();
                if (body != null && body.startsWith("re:")) {
                    int n = Integer.parseInt(body.substring(3));
                    answers.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                    arrival.add(n);
                }
            }, MessageTypeFilter.CHAT);

            List<Long> cutAt = new CopyOnWriteArrayList<>();
            long meanGap = PACE.toNanos() * MESSAGES / (CUTS + 1);
            Thread cutter = new Thread(() -> {
                try {
                    for (int i = 0; i < CUTS; i++) {
                        TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(2 * meanGap));
                        cutAt.add(System.nanoTime());
                        proxy.cut();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "cutter");
            try {
                cutter.start();
                org.jxmpp.jid.EntityBareJid to = JidCreate.entityBareFrom(botJid.toString());
                for (int i = 0; i < MESSAGES; i++) {
                    org.jivesoftware.smack.packet.Message request = user.getStanzaFactory().buildMessageStanza()
                            .to(to).ofType(org.jivesoftware.smack.packet.Message.Type.chat)
                            .setBody(Integer.toString(i)).build();
                    user.sendStanza(request);
                    TimeUnit.NANOSECONDS.sleep(PACE.toNanos());
                }
                cutter.join();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (answers.size() < MESSAGES && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(1_000); // late duplicates, if any, arrive now

                Tally tally = Tally.of(MESSAGES, answers, arrival, cutAt, backAt);
                System.out.println("[zero-loss " + server.name() + "] " + MESSAGES + " requests, " + cutAt.size()
                        + " cuts: " + tally + "; resumptions failed: " + resumptionsFailed + ", sent again into a new session: "
                        + resentIntoNewSessions
                        + "; requests the bot received twice: " + handled.values().stream().filter(c -> c.get() > 1)
                                .count());
                assertThat(tally.lost).as("requests never answered").isZero();
                if (resumptionsFailed.get() == 0) {
                    assertThat(tally.duplicated).as("answered more than once, with every session resumed").isZero();
                }
            } finally {
                cutter.interrupt();
                user.disconnect();
                Clients.close(bot);
            }
        }
    }

    /** What a run came to. */
    record Tally(int lost, int duplicated, int outOfOrder, long recoveryMedianMillis, long recoveryMaxMillis) {

        static Tally of(int sent, Map<Integer, AtomicInteger> answers, List<Integer> arrival, List<Long> cuts,
                List<Long> backs) {
            int lost = 0;
            int duplicated = 0;
            for (int i = 0; i < sent; i++) {
                AtomicInteger count = answers.get(i);
                if (count == null) {
                    lost++;
                } else if (count.get() > 1) {
                    duplicated++;
                }
            }
            int outOfOrder = 0;
            int highest = -1;
            synchronized (arrival) {
                for (int n : arrival) {
                    if (n < highest) {
                        outOfOrder++;
                    }
                    highest = Math.max(highest, n);
                }
            }
            List<Long> recoveries = new ArrayList<>();
            for (long cut : cuts) {
                backs.stream().filter(b -> b > cut).min(Long::compare)
                        .ifPresent(b -> recoveries.add(TimeUnit.NANOSECONDS.toMillis(b - cut)));
            }
            Collections.sort(recoveries);
            long median = recoveries.isEmpty() ? -1 : recoveries.get(recoveries.size() / 2);
            long max = recoveries.isEmpty() ? -1 : recoveries.get(recoveries.size() - 1);
            return new Tally(lost, duplicated, outOfOrder, median, max);
        }

        @Override
        public String toString() {
            return "lost " + lost + ", duplicated " + duplicated + ", out of order " + outOfOrder
                    + ", back after a cut: median " + recoveryMedianMillis + " ms, max " + recoveryMaxMillis + " ms";
        }
    }
}
