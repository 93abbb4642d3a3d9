package org.xmppboot.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppEvent;

/** Answers chat messages: {@code help}, {@code echo <text>}, {@code time}, {@code stats}. */
@Component
public class DemoBot {

    static final String HELP = """
            Commands:
              help         this list
              echo <text>  says <text> back
              time         the time (UTC)
              stats        what this bot has handled so far""";

    private static final Logger log = LoggerFactory.getLogger(DemoBot.class);

    private final MeterRegistry meters;
    private final Instant started = Instant.now();

    public DemoBot(MeterRegistry meters) {
        this.meters = meters;
    }

    @StanzaHandler("message@type=chat/body")
    String chat(Message message) {
        String text = message.getBody().strip();
        int space = text.indexOf(' ');
        String command = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : text.substring(space + 1).strip();
        return switch (command) {
            case "help" -> HELP;
            case "echo" -> rest.isEmpty() ? "Usage: echo <text>" : rest;
            case "time" -> "It is " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    Instant.now().atOffset(ZoneOffset.UTC).withNano(0)) + ".";
            case "stats" -> stats();
            default -> "I don't know \"" + command + "\". Say \"help\" for what I can do.";
        };
    }

    @XmppEvent("session_start")
    void sessionStarted(Jid jid) {
        log.info("Demo bot online as {}", jid);
    }

    /** An event of the demo's own plugin, received as any other. */
    @XmppEvent(UptimePlugin.ASKED)
    void uptimeAsked(Jid by) {
        log.info("{} asked for the bot's uptime", by);
    }

    /** Read from the same meters the actuator exposes at /actuator/metrics. */
    private String stats() {
        Counter in = meters.find("xmpp.stanzas").tag("direction", "in").tag("kind", "message").counter();
        Counter out = meters.find("xmpp.stanzas").tag("direction", "out").tag("kind", "message").counter();
        Timer handled = meters.find("xmpp.handler.duration").tag("handler", "demoBot.chat")
                .tag("outcome", "success").timer();
        Duration up = Duration.between(started, Instant.now());
        return String.format(Locale.ROOT, "Up %dh %02dm %02ds. Messages received: %d, sent: %d. Commands answered "
                        + "before this one: %d (mean %.2f ms).", up.toHours(), up.toMinutesPart(), up.toSecondsPart(),
                in == null ? 0 : (long) in.count(), out == null ? 0 : (long) out.count(),
                handled == null ? 0 : handled.count(),
                handled == null ? 0.0 : handled.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
    }
}
