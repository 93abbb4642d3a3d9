package org.xmppboot.plugins.xep0045;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <item affiliation='..' role='..' jid='..' nick='..'><reason/><actor/></item>}: an occupant as a room
 * describes it in presence (muc#user), or a change an owner or moderator asks for (muc#admin). Its namespace is
 * its parent's.
 */
public final class MucItem extends ElementBase {

    public static final Schema<MucItem> SCHEMA = Schema.builder("item", null, MucItem::new)
            .attribute("affiliation").attribute("role").attribute("jid").attribute("nick").childText("reason")
            .build();

    public MucItem(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<MucItem> schema() {
        return SCHEMA;
    }

    /** The role; null when absent or unknown. */
    public @Nullable Role getRole() {
        return Role.fromValue(xml.attribute("role"));
    }

    public MucItem setRole(@Nullable Role role) {
        xml.setAttribute("role", role == null ? null : role.value());
        return this;
    }

    /** The affiliation; null when absent or unknown. */
    public @Nullable Affiliation getAffiliation() {
        return Affiliation.fromValue(xml.attribute("affiliation"));
    }

    public MucItem setAffiliation(@Nullable Affiliation affiliation) {
        xml.setAttribute("affiliation", affiliation == null ? null : affiliation.value());
        return this;
    }

    /** The occupant's real JID, when the room shows it to us; null when hidden or not a JID. */
    public @Nullable Jid getJid() {
        return Jid.ofOrNull(xml.attribute("jid"));
    }

    public MucItem setJid(@Nullable Jid jid) {
        xml.setAttribute("jid", jid == null ? null : jid.toString());
        return this;
    }

    /** The new nick of a nick change (status 303), or the nick an admin item is about. */
    public @Nullable String getNick() {
        return xml.attribute("nick");
    }

    public MucItem setNick(@Nullable String nick) {
        xml.setAttribute("nick", nick);
        return this;
    }

    public @Nullable String getReason() {
        return xml.childText("reason", xml.namespace());
    }

    public MucItem setReason(@Nullable String reason) {
        setChildText("reason", xml.namespace(), reason);
        return this;
    }
}
