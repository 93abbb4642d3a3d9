package org.xmppboot.plugins.xep0249;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0045.History;
import org.xmppboot.plugins.xep0045.JoinOptions;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0249 Direct MUC Invitations: {@link #invite} sends one, received ones are raised as events and, when
 * {@link DirectInvitationsConfig#autoJoin()} says so, joined (without history, so that a bot does not act on
 * old commands). Announces {@code jabber:x:conference} through service discovery (§4).
 *
 * <p>Events raised:
 * <ul>
 *   <li>{@code groupchat_direct_invite} ({@link Message}, whose {@link Message#getDirectInvite()} is the
 *       invitation): someone invited us to a room. An invitation without a valid room JID is ignored.</li>
 * </ul>
 */
public class DirectInvitations extends BasePlugin {

    public static final String NAME = "xep_0249";
    public static final String NAMESPACE = "jabber:x:conference";
    public static final String EVENT_INVITE = "groupchat_direct_invite";

    private static final Logger log = LoggerFactory.getLogger(DirectInvitations.class);

    private volatile DirectInvitationsConfig config;

    public DirectInvitations() {
        this(DirectInvitationsConfig.DEFAULT);
    }

    public DirectInvitations(DirectInvitationsConfig config) {
        super(NAME, ServiceDiscovery.NAME, MultiUserChat.NAME);
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Replaces the settings; they apply to the next invitation received. */
    public DirectInvitations configure(DirectInvitationsConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "config");
        return this;
    }

    public DirectInvitationsConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        Objects.requireNonNull(DirectInvite.SCHEMA); // registers the extension on Message
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME, Matcher.stanzaPath("message/groupchat_invite"),
                this::onInvite));
    }

    /** Invites someone to a room (§2): a normal message sent to them, carrying only the invitation. */
    public Message invite(Jid invitee, Jid room, @Nullable String reason, @Nullable String password) {
        Message message = context().makeMessage(invitee, null, null);
        message.setId(context().newId());
        message.enableExtension(DirectInvite.SCHEMA).setRoom(room).setPassword(password).setReason(reason);
        message.send();
        return message;
    }

    private void onInvite(StanzaBase stanza) {
        Message message = (Message) stanza;
        DirectInvite invite = message.getDirectInvite();
        Jid room = invite == null ? null : invite.getRoom();
        if (room == null || message.getMessageType() == Message.Type.ERROR) {
            log.debug("[{}] an invitation without a room JID, ignored: {}", context().connectionName(), message);
            return;
        }
        context().event(EVENT_INVITE, message);
        DirectInvitationsConfig settings = config;
        if (settings.autoJoin()) {
            String nick = settings.nick() != null ? settings.nick() : ownLocalpart();
            if (nick == null) {
                return;
            }
            require(MultiUserChat.class).join(room, JoinOptions.nick(nick).withPassword(invite.getPassword())
                    .withHistory(History.NONE));
        }
    }

    private @Nullable String ownLocalpart() {
        Jid self = context().boundJid();
        return self == null ? null : self.local();
    }
}
