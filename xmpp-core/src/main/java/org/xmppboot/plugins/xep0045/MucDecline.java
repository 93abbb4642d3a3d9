package org.xmppboot.plugins.xep0045;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <decline to='..' from='..'><reason/></decline>} in a muc#user element (XEP-0045 §7.8.2): an invitee
 * turning a mediated invitation down, sent to the room with the inviter in {@code to}, and passed on by the room
 * to the inviter with the invitee in {@code from}. Reached on {@link MucUser} as {@code decline}.
 */
public final class MucDecline extends ElementBase {

    public static final Schema<MucDecline> SCHEMA = Schema.builder("decline", MultiUserChat.NAMESPACE_USER,
            MucDecline::new).attribute("to").attribute("from").childText("reason").build();

    public MucDecline(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<MucDecline> schema() {
        return SCHEMA;
    }

    /** The inviter the decline is for; null when absent or not a JID. */
    public @Nullable Jid getTo() {
        return Jid.ofOrNull(xml.attribute("to"));
    }

    public MucDecline setTo(@Nullable Jid inviter) {
        xml.setAttribute("to", inviter == null ? null : inviter.toString());
        return this;
    }

    /** Who declined, as the room names them; null when absent or not a JID. */
    public @Nullable Jid getFrom() {
        return Jid.ofOrNull(xml.attribute("from"));
    }

    /** The invitee's reason, without the white space around it; null when absent or blank. */
    public @Nullable String getReason() {
        return MucUser.trimmedText(xml, "reason");
    }

    public MucDecline setReason(@Nullable String reason) {
        MucUser.setChildText(xml, "reason", reason);
        return this;
    }
}
