package org.xmppboot.plugins.xep0249;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <x xmlns='jabber:x:conference' jid='room' password='..' reason='..'/>} (XEP-0249 §2): an invitation to
 * a room, sent straight to the invitee. Reached on a message as {@code groupchat_invite}.
 */
public final class DirectInvite extends ElementBase {

    public static final Schema<DirectInvite> SCHEMA = Schema.builder("x", DirectInvitations.NAMESPACE,
            DirectInvite::new).extensionName("groupchat_invite")
            .attribute("jid").attribute("password").attribute("reason").attribute("continue").attribute("thread")
            .build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public DirectInvite(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<DirectInvite> schema() {
        return SCHEMA;
    }

    /** The room's bare JID; null (a malformed invitation) when missing or not a JID with a local part. */
    public @Nullable Jid getRoom() {
        Jid room = Jid.ofOrNull(xml.attribute("jid"));
        return room == null || room.local() == null ? null : room.bare();
    }

    public DirectInvite setRoom(Jid room) {
        xml.setAttribute("jid", room.bare().toString());
        return this;
    }

    public @Nullable String getPassword() {
        return xml.attribute("password");
    }

    public DirectInvite setPassword(@Nullable String password) {
        xml.setAttribute("password", password);
        return this;
    }

    public @Nullable String getReason() {
        return xml.attribute("reason");
    }

    public DirectInvite setReason(@Nullable String reason) {
        xml.setAttribute("reason", reason);
        return this;
    }

    /** Whether the invitation continues a one-to-one chat in the room (§2; its thread is {@link #getThread}). */
    public boolean isContinuation() {
        String value = xml.attribute("continue");
        return "true".equals(value) || "1".equals(value);
    }

    public @Nullable String getThread() {
        return xml.attribute("thread");
    }
}
