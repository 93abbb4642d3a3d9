package org.xmppboot.plugins.xep0045;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;

/**
 * Invitations passed on by a room (XEP-0045 §7.8.2): sending an invitation or a decline through the room, and
 * raising {@code groupchat_invite} and {@code groupchat_decline} for the ones a room passes on to us.
 */
final class MediatedInvitations {

    /** The plugin's logger: all of MUC logs under one name. */
    private static final Logger log = LoggerFactory.getLogger(MultiUserChat.class);

    /** The plugin's context, asked for at each use: it exists only once the plugin is on a connection. */
    private final Supplier<PluginContext> context;

    MediatedInvitations(Supplier<PluginContext> context) {
        this.context = context;
    }

    /** See {@link MultiUserChat#invite}. */
    Message invite(Jid room, Jid invitee, @Nullable String reason) {
        return sendThrough(room, x -> x.addInvite(invitee).setReason(reason));
    }

    /** See {@link MultiUserChat#decline(Jid, Jid, String)}. */
    Message decline(Jid room, @Nullable Jid inviter, @Nullable String reason) {
        return sendThrough(room, x -> x.addDecline(inviter).setReason(reason));
    }

    private Message sendThrough(Jid room, Consumer<MucUser> fill) {
        // §7.8.2: the message is of type normal, here implicitly.
        Message message = context.get().makeMessage(room.bare(), null, null);
        message.setId(context.get().newId());
        fill.accept(message.enableExtension(MucUser.SCHEMA));
        message.send();
        return message;
    }

    // ---------------------------------------------------------------- receiving

    /** A room's message (not groupchat: §7.8.2 sends invitations as normal messages) with an invitation. */
    static boolean isInvite(StanzaBase stanza) {
        MucUser x = invitationLike(stanza);
        return x != null && x.xml().element("invite", MultiUserChat.NAMESPACE_USER) != null;
    }

    static boolean isDecline(StanzaBase stanza) {
        MucUser x = invitationLike(stanza);
        return x != null && x.xml().element("decline", MultiUserChat.NAMESPACE_USER) != null;
    }

    private static @Nullable MucUser invitationLike(StanzaBase stanza) {
        if (!(stanza instanceof Message message) || message.getMessageType() == Message.Type.GROUPCHAT
                || message.getMessageType() == Message.Type.ERROR) {
            return null;
        }
        return MucUser.of(message);
    }

    void onInvite(Message message) {
        Jid room = fromRoom(message);
        MucUser x = MucUser.of(message);
        MucInvite invite = x == null ? null : x.getInvite();
        if (room == null || invite == null) {
            return;
        }
        context.get().event(MultiUserChat.EVENT_INVITE, new MucInvitation(room, invite.getFrom(),
                invite.getReason(), x.getPassword(), invite.getContinuedThread(), message));
    }

    void onDecline(Message message) {
        Jid room = fromRoom(message);
        MucUser x = MucUser.of(message);
        MucDecline decline = x == null ? null : x.getDecline();
        if (room == null || decline == null) {
            return;
        }
        context.get().event(MultiUserChat.EVENT_DECLINE, new MucInvitationDeclined(room, decline.getFrom(),
                decline.getReason(), message));
    }

    /** The room a mediated invitation or decline comes from: a bare JID with a local part, else null. */
    private @Nullable Jid fromRoom(Message message) {
        Jid from = message.getFrom();
        if (from == null || !from.isBare() || from.local() == null) {
            log.debug("[{}] ignored an invitation or decline not from a room: {}", context.get().connectionName(),
                    message);
            return null;
        }
        return from;
    }
}
