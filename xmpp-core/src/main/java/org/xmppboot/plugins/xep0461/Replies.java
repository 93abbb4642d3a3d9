package org.xmppboot.plugins.xep0461;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0444.ReferenceIds;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0461 Message Replies: announces {@code urn:xmpp:reply:0}, makes replies to a message ({@link #reply}) with a
 * quote for clients that do not understand them (the XEP-0428 fallback of §2.1), and raises an event for each
 * reply received. {@link #bodyWithoutFallback} gives a reply's own text without that quote.
 *
 * <p>Events raised:
 * <ul>
 *   <li>{@code message_reply} ({@link ReplyReceived}): a message answering another arrived (a {@code <reply/>}
 *       without an id is ignored). The message also reaches the usual message handlers.</li>
 * </ul>
 */
public class Replies extends BasePlugin {

    public static final String NAME = "xep_0461";
    public static final String NAMESPACE = "urn:xmpp:reply:0";
    public static final String EVENT_MESSAGE_REPLY = "message_reply";

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    public Replies() {
        super(NAME, ServiceDiscovery.NAME);
    }

    @Override
    protected void start(PluginContext context) {
        Objects.requireNonNull(Reply.SCHEMA); // registers message.get("reply")
        Objects.requireNonNull(Fallback.SCHEMA);
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME, Matcher.stanzaPath("message/reply"), this::onReply));
    }

    /**
     * A reply to a message received, not yet sent: to the room for a room message (as groupchat), else to the
     * sender; naming the message as §3.1 says ({@link ReferenceIds}) and its author; with the thread of the
     * original, and a body starting with a quote of the original ("&gt; author wrote:" and its lines, without
     * the quote it may itself carry) marked as the fallback (§2.1).
     *
     * @throws IllegalArgumentException if the message cannot be referred to (a room message without the room's
     *     stanza-id, a message without id or sender)
     */
    public Message reply(Message original, String text) {
        String targetId = ReferenceIds.require(original);
        Jid to = ReferenceIds.replyAddress(original); // fails for a message without a sender
        Jid author = Objects.requireNonNull(Jid.ofOrNull(original.xml().attribute("from")));
        boolean groupchat = original.getMessageType() == Message.Type.GROUPCHAT;
        Message reply = context().makeMessage(to, null, groupchat ? Message.Type.GROUPCHAT : Message.Type.CHAT);
        reply.setId(context().newId());
        String quote = quote(groupchat ? author.resource() : author.local(), author, bodyWithoutFallback(original));
        reply.setBody(quote + text);
        if (original.getThread() != null) {
            reply.setThread(original.getThread());
        }
        Reply.set(reply, author, targetId);
        if (!quote.isEmpty()) {
            Fallback.add(reply, NAMESPACE, 0, quote.codePointCount(0, quote.length()));
        }
        return reply;
    }

    /**
     * The body without the parts marked as the fallback for replies (XEP-0428): the reply's own text. The body
     * itself if there is no such fallback; a range that does not fit the body is ignored. Null without a body.
     */
    public static @Nullable String bodyWithoutFallback(Message message) {
        String body = message.getBody();
        if (body == null) {
            return null;
        }
        int length = body.codePointCount(0, body.length());
        List<int[]> ranges = new ArrayList<>();
        for (Fallback fallback : Fallback.of(message, NAMESPACE)) {
            for (Fallback.Range range : fallback.bodyRanges()) {
                if (range.isWhole()) {
                    return "";
                }
                int start = Objects.requireNonNull(range.start());
                int end = Objects.requireNonNull(range.end());
                if (start >= 0 && start <= end && end <= length) {
                    ranges.add(new int[] {start, end});
                }
            }
        }
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        StringBuilder text = new StringBuilder();
        int next = 0;
        for (int[] range : ranges) {
            if (range[0] > next) {
                text.append(body, body.offsetByCodePoints(0, next), body.offsetByCodePoints(0, range[0]));
            }
            next = Math.max(next, range[1]);
        }
        text.append(body.substring(body.offsetByCodePoints(0, Math.min(next, length))));
        return text.toString();
    }

    /** "> name wrote:" and each line of the text prefixed with "> ", each line ended; empty without a text. */
    private static String quote(@Nullable String name, Jid author, @Nullable String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder quote = new StringBuilder("> ").append(name != null ? name : author.bare().toString())
                .append(" wrote:\n");
        for (String line : text.split("\n", -1)) {
            quote.append("> ").append(line).append('\n');
        }
        return quote.toString();
    }

    private void onReply(StanzaBase stanza) {
        Message message = (Message) stanza;
        Reply reply = message.extension(Reply.SCHEMA);
        Jid from = Jid.ofOrNull(message.xml().attribute("from"));
        String targetId = reply == null ? null : reply.getId();
        if (targetId == null || from == null || message.getMessageType() == Message.Type.ERROR) {
            log.debug("[{}] malformed reply, ignored: {}", context().connectionName(), message);
            return;
        }
        context().event(EVENT_MESSAGE_REPLY,
                new ReplyReceived(from, targetId, reply.getTo(), bodyWithoutFallback(message), message));
    }
}
