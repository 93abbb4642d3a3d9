package org.xmppboot.plugins.xep0045;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <invite to='..' from='..'><reason/><continue thread='..'/></invite>} in a muc#user element
 * (XEP-0045 §7.8.2): a mediated invitation, which the inviter sends to the room with the invitee in {@code to},
 * and the room sends on to the invitee with the inviter in {@code from}. Reached on {@link MucUser} as
 * {@code invite}.
 */
public final class MucInvite extends ElementBase {

    public static final Schema<MucInvite> SCHEMA = Schema.builder("invite", MultiUserChat.NAMESPACE_USER,
            MucInvite::new).attribute("to").attribute("from").childText("reason").build();

    public MucInvite(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<MucInvite> schema() {
        return SCHEMA;
    }

    /** Whom the inviter invites; null when absent or not a JID. */
    public @Nullable Jid getTo() {
        return Jid.ofOrNull(xml.attribute("to"));
    }

    public MucInvite setTo(Jid invitee) {
        xml.setAttribute("to", invitee.toString());
        return this;
    }

    /** Who invites, as the room names them (bare, full or occupant JID); null when absent or not a JID. */
    public @Nullable Jid getFrom() {
        return Jid.ofOrNull(xml.attribute("from"));
    }

    /** The inviter's reason, without the white space around it; null when absent or blank. */
    public @Nullable String getReason() {
        return MucUser.trimmedText(xml, "reason");
    }

    public MucInvite setReason(@Nullable String reason) {
        MucUser.setChildText(xml, "reason", reason);
        return this;
    }

    /** Whether the invitation continues a one-to-one chat in the room (§7.9: a {@code <continue/>} child). */
    public boolean isContinuation() {
        return xml.element("continue", MultiUserChat.NAMESPACE_USER) != null;
    }

    /** The thread of the one-to-one chat the room continues, or null. */
    public @Nullable String getContinuedThread() {
        XmlElement continued = xml.element("continue", MultiUserChat.NAMESPACE_USER);
        return continued == null ? null : continued.attribute("thread");
    }
}
