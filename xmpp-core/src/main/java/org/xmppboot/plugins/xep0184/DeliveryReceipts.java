package org.xmppboot.plugins.xep0184;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.roster.Roster;
import org.xmppboot.roster.RosterItem;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.Direction;
import org.xmppboot.stream.StreamClosedException;
import org.xmppboot.stream.XMLStream;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0184 Message Delivery Receipts: answers receipt requests (as {@link ReceiptsConfig} says), requests receipts
 * on outgoing messages when configured to, and {@link #sendWithReceipt} sends a message and completes a future
 * when its receipt arrives. Announces {@code urn:xmpp:receipts} through service discovery.
 *
 * <p>Events raised:
 * <ul>
 *   <li>{@code receipt_received} ({@link ReceiptReceived}): a message carrying a receipt with an id arrived,
 *       whether or not we asked for it; a receipt without an id is ignored.</li>
 * </ul>
 * A request is answered without an event of its own (a bot that answers by hand turns {@code autoAck} off and
 * handles the stanza path {@code message/request_receipt}).
 *
 * <p>Requests are added without first asking a full JID whether it supports receipts (§5.2 advises asking);
 * nothing here depends on an answer coming, as §5 requires.
 */
public class DeliveryReceipts extends BasePlugin {

    public static final String NAME = "xep_0184";
    public static final String NAMESPACE = "urn:xmpp:receipts";
    public static final String EVENT_RECEIPT_RECEIVED = "receipt_received";

    private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);
    /** Outbound filter order: after the application's own filters, which may still add bodies or ids. */
    private static final int FILTER_ORDER = 1_000;

    private volatile ReceiptsConfig config;
    private final PendingReceipts pending = new PendingReceipts();
    /** Set when the connection has ended for good, until the plugin starts on a new one. */
    private volatile boolean ended;

    public DeliveryReceipts() {
        this(ReceiptsConfig.DEFAULT);
    }

    public DeliveryReceipts(ReceiptsConfig config) {
        super(NAME, ServiceDiscovery.NAME);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Replaces the settings; they apply to the next stanza received or sent. */
    public DeliveryReceipts configure(ReceiptsConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        return this;
    }

    public ReceiptsConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        ended = false;
        // Registers both extensions on Message, so message.get("receipt") works from here on.
        Objects.requireNonNull(ReceiptRequest.SCHEMA);
        Objects.requireNonNull(Receipt.SCHEMA);
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME + ":receipt", Matcher.stanzaPath("message/receipt"),
                this::onReceipt));
        context.registerHandler(StreamHandler.of(NAME + ":request", Matcher.stanzaPath("message/request_receipt"),
                this::onRequest));
        context.addFilter(Direction.OUT, this::addRequest, FILTER_ORDER);
    }

    /** The connection has ended for good: nobody will receive what is still awaited. */
    @Override
    protected void stop() {
        ended = true;
        pending.failAll(new StreamClosedException("The connection ended before the receipt arrived"));
    }

    /**
     * Sends a message with a receipt request and completes the returned future with the receipt. The message
     * gets an id if it has none. The future fails with a {@link java.util.concurrent.TimeoutException} after
     * {@link ReceiptsConfig#timeout()} (§5: a receipt may never come, even from a client that supports them),
     * with a {@link StreamClosedException} if the connection ends for good first, and at once, without
     * sending, with an {@link IllegalStateException} when {@link ReceiptsConfig#maxPending()} futures already
     * wait (or one waits for the same message id). Blocking on it on the event thread fails at once: chain
     * instead.
     *
     * @throws IllegalArgumentException for a message without a recipient, of type groupchat (§5.3: every
     *     occupant would answer) or error, or that is itself a receipt (§5.4)
     */
    public CompletableFuture<ReceiptReceived> sendWithReceipt(Message message) {
        return sendWithReceipt(message, config.timeout());
    }

    private CompletableFuture<ReceiptReceived> sendWithReceipt(Message message, Duration timeout) {
        PluginContext context = context();
        Jid to = message.getTo();
        Message.Type type = message.getMessageType();
        if (to == null) {
            throw new IllegalArgumentException("A message sent with a receipt request needs a recipient");
        }
        if (type == Message.Type.GROUPCHAT || type == Message.Type.ERROR) {
            throw new IllegalArgumentException("No receipt is requested on a " + type.value() + " message");
        }
        if (message.hasExtension(Receipt.SCHEMA)) {
            throw new IllegalArgumentException("A receipt must not request a receipt (XEP-0184 §5.4)");
        }
        if (message.getId() == null || message.getId().isEmpty()) {
            message.setId(context.newId());
        }
        String id = Objects.requireNonNull(message.getId());
        XMLStream stream = context.unwrap(XMLStream.class);
        CompletableFuture<ReceiptReceived> future = stream != null ? stream.newFuture() : new CompletableFuture<>();
        ReceiptsConfig settings = config;
        if (!pending.add(context, id, to, future, timeout, settings.maxPending())) {
            future.completeExceptionally(new IllegalStateException(pending.size() >= settings.maxPending()
                    ? "Already " + settings.maxPending() + " receipts wait; message '" + id + "' was not sent"
                    : "A receipt for message id '" + id + "' is already awaited; the message was not sent"));
            return future;
        }
        if (ended) { // after the final shutdown nothing would ever complete it: checked after add, see stop()
            pending.cancel(context, id, new StreamClosedException("The connection has ended"));
            return future;
        }
        ReceiptRequest.setRequested(message, true);
        try {
            context.send(message);
        } catch (RuntimeException e) {
            pending.cancel(context, id, e);
        }
        return future;
    }

    /**
     * Sends a message as {@link #sendWithReceipt}, and sends it again, with the same id, when no receipt came in
     * time, up to {@code attempts} sends in all: delivery at least once, for a recipient that may miss a message
     * (a component replica that was stopping, a connection that dropped it). The first attempt waits
     * {@link ReceiptsConfig#timeout()}, each next one twice as long as the one before, so that a recipient that is
     * slow rather than gone is not flooded with copies. The recipient may see the message more than once, with the
     * same id and origin-id (XEP-0359), by which it can tell. Fails as the last attempt failed; a failure other
     * than a timeout (the connection closed for good, too many waiting) is not retried.
     *
     * @param attempts how many times to send at most, at least 1
     */
    public CompletableFuture<ReceiptReceived> sendUntilReceived(Message message, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (message.getId() == null || message.getId().isEmpty()) {
            message.setId(context().newId());
        }
        return sendUntilReceived(message, attempts, config.timeout());
    }

    private CompletableFuture<ReceiptReceived> sendUntilReceived(Message message, int attempts, Duration wait) {
        Message original = message.copy(); // each attempt sends its own copy: filters change what they send
        return sendWithReceipt(message, wait).handle((receipt, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(receipt);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (attempts == 1 || !(cause instanceof TimeoutException)) {
                return CompletableFuture.<ReceiptReceived>failedFuture(cause);
            }
            log.debug("[{}] no receipt for message '{}' within {} ms; sending it again", context().connectionName(),
                    original.getId(), wait.toMillis());
            return sendUntilReceived(original, attempts - 1, wait.multipliedBy(2));
        }).thenCompose(Function.identity());
    }

    /** How many {@link #sendWithReceipt} futures wait for their receipt. */
    public int pendingCount() {
        return pending.size();
    }

    /** Sends the receipt for a message, whatever the settings; false if the message cannot be acknowledged. */
    public boolean ack(Message received) {
        String id = received.getId();
        Jid from = Jid.ofOrNull(received.xml().attribute("from"));
        if (id == null || id.isEmpty() || from == null) {
            return false;
        }
        Message.Type type = received.getMessageType();
        // §7: the same type as the request is good practice; a groupchat receipt goes to the room's bare JID.
        // From the address the request was sent to (Example 4): the sender checks the receipt against it.
        Message ack = context().makeMessage(type == Message.Type.GROUPCHAT ? from.bare() : from, null, type)
                .fromRecipientOf(received);
        ack.setId(context().newId());
        Receipt.set(ack, id);
        ack.send();
        return true;
    }

    private void onReceipt(StanzaBase stanza) {
        Message message = (Message) stanza;
        String id = Receipt.idOf(message);
        if (id == null) {
            log.debug("[{}] a receipt without an id, ignored: {}", context().connectionName(), message);
            return;
        }
        ReceiptReceived receipt = new ReceiptReceived(id, Jid.ofOrNull(message.xml().attribute("from")), message);
        pending.complete(context(), receipt);
        context().event(EVENT_RECEIPT_RECEIVED, receipt);
    }

    private void onRequest(StanzaBase stanza) {
        Message message = (Message) stanza;
        if (shouldAck(message)) {
            ack(message);
        }
    }

    /**
     * §7: answered if configured to; only content messages of type chat, normal or headline (§5.3: not in
     * groupchat; never an error), with an id to echo, that are not receipts themselves (§5.4, no loops).
     */
    private boolean shouldAck(Message message) {
        ReceiptsConfig settings = config;
        Message.Type type = message.getMessageType();
        if (!settings.autoAck() || type == Message.Type.GROUPCHAT || type == Message.Type.ERROR
                || message.hasExtension(Receipt.SCHEMA)) {
            return false;
        }
        Jid from = Jid.ofOrNull(message.xml().attribute("from"));
        if (from == null) {
            return false;
        }
        return settings.ackTo() == ReceiptsConfig.AckTo.EVERYONE || seesOurPresence(from);
    }

    /** §8: whether the sender is authorised to see our presence, by our roster (no roster: nobody is). */
    private boolean seesOurPresence(Jid sender) {
        Jid self = context().boundJid();
        if (self != null && self.bare().equals(sender.bare())) {
            return true;
        }
        Roster roster = context().plugin(Roster.class);
        RosterItem item = roster == null ? null : roster.get(sender.bare());
        return item != null && item.subscription().fromContact();
    }

    /** The outbound filter of {@link ReceiptsConfig#autoRequest()}; it changes the message being sent. */
    private @Nullable StanzaBase addRequest(StanzaBase stanza) {
        if (config.autoRequest() && stanza instanceof Message message && wantsRequest(message)) {
            ReceiptRequest.setRequested(message, true);
        }
        return stanza;
    }

    private static boolean wantsRequest(Message message) {
        Message.Type type = message.getMessageType();
        String id = message.getId();
        return (type == Message.Type.CHAT || type == Message.Type.NORMAL)
                && message.getBody() != null && id != null && !id.isEmpty() && message.xml().attribute("to") != null
                && !message.hasExtension(ReceiptRequest.SCHEMA) && !message.hasExtension(Receipt.SCHEMA);
    }
}
