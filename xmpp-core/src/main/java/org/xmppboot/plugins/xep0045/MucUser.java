package org.xmppboot.plugins.xep0045;

import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <x xmlns='http://jabber.org/protocol/muc#user'>}: what a room adds to the presence and messages it
 * sends, namely the occupant's {@link MucItem} and status codes (XEP-0045 §15.6: 110 "this is you", 201 "room
 * created", 303 "nick changed", 307 "kicked", 301 "banned", ...), and in messages a mediated invitation
 * ({@link MucInvite}), a declined one ({@link MucDecline}) and the room's password. Reached on a presence or
 * message as {@code muc}.
 */
public final class MucUser extends ElementBase {

    /** Status code: the presence is about the occupant receiving it (§7.2.3). */
    public static final int SELF = 110;
    /** Status code: the room was just created by this join and waits for its configuration (§10.1.1). */
    public static final int ROOM_CREATED = 201;
    /** Status code: the occupant changed its nick; the item carries the new one (§7.6). */
    public static final int NICK_CHANGED = 303;
    /** Status code: the room changed the nick we asked for (§7.2.10). */
    public static final int NICK_MODIFIED = 210;
    /** Status code: banned from the room (§9.1). */
    public static final int BANNED = 301;
    /** Status code: kicked from the room (§8.2). */
    public static final int KICKED = 307;

    public static final Schema<MucUser> SCHEMA = Schema.builder("x", MultiUserChat.NAMESPACE_USER, MucUser::new)
            .extensionName("muc").build();

    static {
        SCHEMA.registerExtension(MucInvite.SCHEMA).registerExtension(MucDecline.SCHEMA);
        Presence.SCHEMA.registerExtension(SCHEMA);
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public MucUser(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<MucUser> schema() {
        return SCHEMA;
    }

    /** The occupant item, or null. */
    public @Nullable MucItem getItem() {
        XmlElement item = xml.element("item", MultiUserChat.NAMESPACE_USER);
        return item == null ? null : new MucItem(item);
    }

    /** The status codes; unreadable ones are skipped. */
    public Set<Integer> getStatusCodes() {
        Set<Integer> codes = new LinkedHashSet<>();
        for (XmlElement status : xml.elements("status", MultiUserChat.NAMESPACE_USER)) {
            try {
                codes.add(Integer.parseInt(String.valueOf(status.attribute("code")).trim()));
            } catch (NumberFormatException e) {
                // a malformed code says nothing
            }
        }
        return codes;
    }

    public boolean hasStatus(int code) {
        return getStatusCodes().contains(code);
    }

    public MucUser addStatus(int code) {
        xml.addElement("status", MultiUserChat.NAMESPACE_USER).setAttribute("code", Integer.toString(code));
        return this;
    }

    /** The mediated invitation (§7.8.2), or null. */
    public @Nullable MucInvite getInvite() {
        return extension(MucInvite.SCHEMA);
    }

    /** Adds an invitation of this invitee (§7.8.2; one element per invitee). */
    public MucInvite addInvite(Jid invitee) {
        MucInvite invite = new MucInvite(xml.addElement("invite", MultiUserChat.NAMESPACE_USER));
        return invite.setTo(invitee);
    }

    /** The declined invitation (§7.8.2), or null. */
    public @Nullable MucDecline getDecline() {
        return extension(MucDecline.SCHEMA);
    }

    /** Adds a decline of an invitation, for this inviter (none named if null). */
    public MucDecline addDecline(@Nullable Jid inviter) {
        return new MucDecline(xml.addElement("decline", MultiUserChat.NAMESPACE_USER)).setTo(inviter);
    }

    /** The password of the room, which it adds to the invitations it sends (§7.8.2), or null. */
    public @Nullable String getPassword() {
        XmlElement password = xml.element("password", MultiUserChat.NAMESPACE_USER);
        return password == null ? null : password.text();
    }

    /** The room's muc#user element of a stanza, or null. */
    public static @Nullable MucUser of(ElementBase stanza) {
        return stanza.extension(SCHEMA);
    }

    /** The text of a child in the muc#user namespace without the white space around it; null if absent or blank. */
    static @Nullable String trimmedText(XmlElement parent, String child) {
        XmlElement element = parent.element(child, MultiUserChat.NAMESPACE_USER);
        String text = element == null ? "" : element.text().strip();
        return text.isEmpty() ? null : text;
    }

    /** Sets (or, for null, removes) the text of a child in the muc#user namespace. */
    static void setChildText(XmlElement parent, String child, @Nullable String text) {
        XmlElement element = parent.element(child, MultiUserChat.NAMESPACE_USER);
        if (text == null) {
            if (element != null) {
                parent.removeChild(element);
            }
            return;
        }
        (element != null ? element : parent.addElement(child, MultiUserChat.NAMESPACE_USER)).setText(text);
    }
}
