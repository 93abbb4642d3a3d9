package org.xmppboot.plugins.xep0280;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0297.Forwarded;
import org.xmppboot.plugins.xep0334.Hint;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0280 Message Carbons: turns carbons on ({@link #enable()}, and at every session start unless
 * {@link CarbonsConfig#enableOnSessionStart()} is off) and off ({@link #disable()}), unwraps the copies our server
 * sends, and sends a message without copies ({@link #sendPrivate}).
 *
 * <p>Events:
 * <ul>
 *   <li>{@code carbon_received} ({@link Message}, the copied message): another client of our account received
 *       this message.</li>
 *   <li>{@code carbon_sent} ({@link Message}, the copied message): another client of our account sent this
 *       message.</li>
 * </ul>
 * A copy is believed only when its wrapper comes from our own bare JID (XEP-0280 §11): anyone else can send a
 * message that looks like a carbon, to make us think we received or sent what we did not; such a message is
 * logged at warn and raises nothing. The wrapper itself has no body, so apart from these events it only raises
 * {@code message_without_body}: the copied message never reaches {@code message} handlers as if it were
 * addressed to us.
 */
public class MessageCarbons extends BasePlugin {

    public static final String NAME = "xep_0280";
    public static final String NAMESPACE = Carbon.NAMESPACE;
    public static final String EVENT_CARBON_RECEIVED = "carbon_received";
    public static final String EVENT_CARBON_SENT = "carbon_sent";

    private static final Logger log = LoggerFactory.getLogger(MessageCarbons.class);

    private volatile CarbonsConfig config;
    private volatile boolean enabled;

    public MessageCarbons() {
        this(CarbonsConfig.DEFAULT);
    }

    public MessageCarbons(CarbonsConfig config) {
        super(NAME);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Replaces the settings; takes effect at the next session start, so call it before connecting. */
    public MessageCarbons configure(CarbonsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return this;
    }

    public CarbonsConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        // Loading the extensions registers them on Message, so stanza paths and message.get(..) reach them.
        Objects.requireNonNull(Carbon.RECEIVED_SCHEMA);
        Objects.requireNonNull(CarbonPrivate.SCHEMA);
        context.registerHandler(StreamHandler.of(NAME + ":received", Matcher.stanzaPath("message/carbon_received"),
                stanza -> onCarbon((Message) stanza, stanza.extension(Carbon.RECEIVED_SCHEMA))));
        context.registerHandler(StreamHandler.of(NAME + ":sent", Matcher.stanzaPath("message/carbon_sent"),
                stanza -> onCarbon((Message) stanza, stanza.extension(Carbon.SENT_SCHEMA))));
        // Enabling belongs to a session: a new one starts with carbons off, a resumed one keeps them.
        context.addEventHandler("session_start", jid -> {
            enabled = false;
            if (config.enableOnSessionStart() && !context.isComponent()) {
                enable().exceptionally(failure -> {
                    log.warn("[{}] could not enable message carbons: {}", context.connectionName(),
                            failure.getMessage());
                    return null;
                });
            }
        });
    }

    /** Whether our server has confirmed carbons on for this session. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Asks our server to send us carbons (§4); the future completes when it has agreed. */
    public CompletableFuture<Void> enable() {
        return request("enable", true);
    }

    /** Asks our server to stop sending us carbons (§5). */
    public CompletableFuture<Void> disable() {
        return request("disable", false);
    }

    /**
     * Marks a message so that our server does not copy it to our other clients: {@code <private/>} and the
     * {@code <no-copy/>} hint, both of which §9 asks for.
     */
    public static Message makePrivate(Message message) {
        message.enableExtension(CarbonPrivate.SCHEMA);
        message.addHint(Hint.NO_COPY);
        return message;
    }

    /** Sends a message that our other clients get no copy of ({@link #makePrivate}). */
    public void sendPrivate(Message message) {
        context().send(makePrivate(message));
    }

    private CompletableFuture<Void> request(String element, boolean enabling) {
        Iq set = context().makeIq(Iq.Type.SET, null);
        set.setPayload(new XmlElement(element, NAMESPACE));
        return set.send().thenAccept(result -> enabled = enabling);
    }

    /** @param carbon the wrapper's carbon element, which the handler's stanza path guarantees */
    private void onCarbon(Message wrapper, @Nullable Carbon carbon) {
        PluginContext context = context();
        if (carbon == null) {
            return;
        }
        Jid self = context.boundJid();
        Jid from = wrapper.getFrom();
        // §11: only our own server, speaking for our bare JID, sends carbons.
        if (self == null || from == null || !from.equals(self.bare())) {
            log.warn("[{}] ignored a carbon copy from {}: carbons come only from our own account",
                    context.connectionName(), from);
            return;
        }
        Message copied = copiedMessage(carbon);
        if (copied == null) {
            log.debug("[{}] ignored a carbon without a readable message: {}", context.connectionName(), wrapper);
            return;
        }
        copied.sender(wrapper.sender());
        context.event(carbon.getKind() == Carbon.Kind.SENT ? EVENT_CARBON_SENT : EVENT_CARBON_RECEIVED, copied);
    }

    private static @Nullable Message copiedMessage(Carbon carbon) {
        Forwarded forwarded = carbon.getForwarded();
        return forwarded == null ? null : forwarded.getMessage();
    }
}
