package org.xmppboot.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.FieldType;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0066.OutOfBandData;
import org.xmppboot.plugins.xep0363.HttpUpload;
import org.xmppboot.plugins.xep0363.UploadProgress;
import org.xmppboot.stanza.Message;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppCommand;
import org.xmppboot.spring.annotation.XmppEvent;

/** Answers chat messages: {@code help}, {@code echo <text>}, {@code time}, {@code stats}. */
@Component
public class DemoBot {

    static final String HELP = """
            Commands:
              help         this list
              echo <text>  says <text> back
              time         the time (UTC)
              stats        what this bot has handled so far
              chart        the same as a picture (uploaded, XEP-0363)
            In the room lobby@conference.localhost, address me ("demo-bot: time"). Ad-hoc command: status.""";

    private static final Logger log = LoggerFactory.getLogger(DemoBot.class);

    private final MeterRegistry meters;
    private final BaseXMPP xmpp;
    private final ObjectProvider<MultiUserChat> rooms;
    private final ObjectProvider<HttpUpload> uploads;
    private final Instant started = Instant.now();

    public DemoBot(MeterRegistry meters, BaseXMPP xmpp, ObjectProvider<MultiUserChat> rooms,
            ObjectProvider<HttpUpload> uploads) {
        this.meters = meters;
        this.xmpp = xmpp;
        this.rooms = rooms;
        this.uploads = uploads;
    }

    @StanzaHandler("message@type=chat/body")
    String chat(Message message) {
        if (message.getBody().strip().equalsIgnoreCase("chart") && message.getFrom() != null) {
            return chart(message.getFrom());
        }
        return answer(message.getBody());
    }

    /**
     * Draws the counts, uploads the PNG to the server's upload service (XEP-0363) and sends its link (XEP-0066),
     * which clients show inline. The upload runs in the background: the answer comes first.
     */
    private String chart(Jid to) {
        HttpUpload upload = uploads.getIfAvailable();
        if (upload == null) {
            return "I cannot upload files here.";
        }
        byte[] png = StatsChart.png(StatsChart.counts(count("in"), count("out"), handledCount()));
        upload.upload(png, "stats.png", "image/png", UploadProgress.NONE).whenComplete((url, failure) -> {
            if (failure != null) {
                log.warn("Could not upload the chart: {}", failure.toString());
            } else {
                OutOfBandData oob = xmpp.plugin(OutOfBandData.class);
                if (oob != null) {
                    oob.linkMessage(to, url, Message.Type.CHAT, "stats").send();
                }
            }
        });
        return "Drawing a chart of what I handled; its link follows.";
    }

    /** In a room, the bot answers only when addressed ("demo-bot: time", or "@demo-bot" anywhere). */
    @XmppEvent("groupchat_message")
    @Nullable String room(Message message) {
        MultiUserChat muc = rooms.getIfAvailable();
        if (muc == null || message.isDelayed() || !muc.mentionsMe(message)) {
            return null;
        }
        String text = message.getBody().strip();
        int colon = text.indexOf(':');
        String command = colon >= 0 && !text.startsWith("@") ? text.substring(colon + 1) : text.replaceAll("@\\S+", "");
        return answer(command);
    }

    /** An ad-hoc command (XEP-0050): the same figures as "stats", as a form any XMPP client shows. */
    @XmppCommand(node = "status", name = "Bot status")
    DataForm status() {
        DataForm form = DataForm.create(DataForm.Type.RESULT).setTitle("Bot status");
        Duration up = Duration.between(started, Instant.now());
        form.addField("uptime", FieldType.TEXT_SINGLE).setLabel("Up for").setValue(up.withNanos(0).toString());
        form.addField("received", FieldType.TEXT_SINGLE).setLabel("Messages received")
                .setValue(String.valueOf(count("in")));
        form.addField("sent", FieldType.TEXT_SINGLE).setLabel("Messages sent").setValue(String.valueOf(count("out")));
        return form;
    }

    private String answer(String body) {
        String text = body.strip();
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
        Timer handled = handled();
        Duration up = Duration.between(started, Instant.now());
        return String.format(Locale.ROOT, "Up %dh %02dm %02ds. Messages received: %d, sent: %d. Commands answered "
                        + "before this one: %d (mean %.2f ms).", up.toHours(), up.toMinutesPart(), up.toSecondsPart(),
                count("in"), count("out"),
                handled == null ? 0 : handled.count(),
                handled == null ? 0.0 : handled.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    private @Nullable Timer handled() {
        return meters.find("xmpp.handler.duration").tag("handler", "demoBot.chat").tag("outcome", "success").timer();
    }

    private long handledCount() {
        Timer handled = handled();
        return handled == null ? 0 : handled.count();
    }

    private long count(String direction) {
        Counter counter = meters.find("xmpp.stanzas").tag("direction", direction).tag("kind", "message").counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
