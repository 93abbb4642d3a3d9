package org.xmppboot.stanza;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0045.MucUser;
import org.xmppboot.plugins.xep0115.Caps;
import org.xmppboot.plugins.xep0203.Delay;
import org.xmppboot.plugins.xep0153.VCardUpdate;
import org.xmppboot.xml.XmlElement;

/** A {@code <presence/>} stanza (RFC 6121 §4). */
public class Presence extends StanzaBase {

    /** RFC 6121 §4.7.1; an absent type means {@link #AVAILABLE}. */
    public enum Type {
        AVAILABLE, UNAVAILABLE, SUBSCRIBE, SUBSCRIBED, UNSUBSCRIBE, UNSUBSCRIBED, PROBE, ERROR;

        private final String value = name().toLowerCase(Locale.ROOT);

        public String value() {
            return value;
        }
    }

    /** RFC 6121 §4.7.2.1; absent means plainly available. */
    public enum Show {
        CHAT, AWAY, XA, DND;

        private final String value = name().toLowerCase(Locale.ROOT);

        public String value() {
            return value;
        }
    }

    public static final Schema<Presence> SCHEMA = commonInterfaces(Schema.builder("presence", null, Presence::new))
            .childText("show").childText("status").childText("priority")
            .build();

    static {
        SCHEMA.registerExtension(StanzaError.SCHEMA).registerExtension(Delay.SCHEMA);
    }

    public Presence(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Presence> schema() {
        return SCHEMA;
    }

    /** The type; an unknown value reads as null. */
    public @Nullable Type getPresenceType() {
        String type = getType();
        if (type == null) {
            return Type.AVAILABLE;
        }
        for (Type t : Type.values()) {
            if (t.value().equals(type)) {
                return t;
            }
        }
        return null;
    }

    public Presence setType(Type type) {
        setType(type == Type.AVAILABLE ? null : type.value());
        return this;
    }

    /** Available or unavailable, as opposed to a subscription or probe. */
    public boolean isAvailability() {
        Type type = getPresenceType();
        return type == Type.AVAILABLE || type == Type.UNAVAILABLE;
    }

    public @Nullable Show getShow() {
        String show = xml.childText("show", xml.namespace());
        if (show != null) {
            for (Show s : Show.values()) {
                if (s.value().equals(show.trim())) {
                    return s;
                }
            }
        }
        return null;
    }

    public Presence setShow(@Nullable Show show) {
        setChildText("show", xml.namespace(), show == null ? null : show.value());
        return this;
    }

    public @Nullable String getStatus() {
        return xml.childText("status", xml.namespace());
    }

    public Presence setStatus(@Nullable String status) {
        setChildText("status", xml.namespace(), status);
        return this;
    }

    /** The priority, -128 to 127; 0 when absent or not a number (RFC 6121 §4.7.2.3). */
    public int getPriority() {
        String priority = xml.childText("priority", xml.namespace());
        if (priority == null) {
            return 0;
        }
        try {
            return Math.max(-128, Math.min(127, Integer.parseInt(priority.trim())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public Presence setPriority(int priority) {
        if (priority < -128 || priority > 127) {
            throw new IllegalArgumentException("Presence priority must be -128 to 127, was " + priority);
        }
        setChildText("priority", xml.namespace(), Integer.toString(priority));
        return this;
    }

    @Override
    public Presence reply() {
        return (Presence) super.reply();
    }

    @Override
    public Presence error(StanzaError.Condition condition, @Nullable String text) {
        return (Presence) super.error(condition, text);
    }

    @Override
    public Presence copy() {
        return (Presence) super.copy();
    }

    public void send() {
        requireSender().send(this);
    }

    // XEP-0115 Entity Capabilities

    /** The entity capabilities this presence announces, or null. */
    public @Nullable Caps getCaps() {
        return extension(Caps.SCHEMA);
    }

    // XEP-0203 Delayed Delivery

    /** The delay stamp of a presence held back (the last presence a server replays), the earliest if several. */
    public @Nullable Delay getDelay() {
        return Delay.earliestIn(xml);
    }

    /** Whether the presence was stored and replayed rather than sent live (it has a readable delay). */
    public boolean isDelayed() {
        return getDelay() != null;
    }

    // XEP-0153 vCard-Based Avatars

    /** The avatar hash announcement ({@code <x xmlns='vcard-temp:x:update'/>}), or null. */
    public @Nullable VCardUpdate getVCardUpdate() {
        return extension(VCardUpdate.SCHEMA);
    }

    /** Sets the avatar hash announcement: a hash, {@code ""} for no avatar, null for "not known yet". */
    public Presence setVCardUpdate(@Nullable String photoHash) {
        enableExtension(VCardUpdate.SCHEMA).setPhotoHash(photoHash);
        return this;
    }

    // XEP-0045 Multi-User Chat

    /** What a room says of the occupant this presence is about (role, affiliation, status codes), or null. */
    public @Nullable MucUser getMucUser() {
        return MucUser.of(this);
    }
}
