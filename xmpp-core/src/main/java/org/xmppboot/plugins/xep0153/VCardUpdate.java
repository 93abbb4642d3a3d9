package org.xmppboot.plugins.xep0153;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * The {@code <x xmlns='vcard-temp:x:update'/>} of a presence (XEP-0153 §3.1): the SHA-1 of the sender's vCard
 * photo. Three states: a hash; an empty {@code <photo/>}, no photo; no {@code <photo/>} at all, the sender does
 * not know yet (§4.1). Reachable as {@code presence.get("vcard_temp_update")}.
 */
public final class VCardUpdate extends ElementBase {

    public static final String NAMESPACE = "vcard-temp:x:update";

    public static final Schema<VCardUpdate> SCHEMA = Schema.builder("x", NAMESPACE, VCardUpdate::new)
            .extensionName("vcard_temp_update")
            .custom("photo", VCardUpdate::getPhotoHash, (e, v) -> e.setPhotoHash(v == null ? null : v.toString()),
                    e -> e.setPhotoHash(null))
            .build();

    static {
        Presence.SCHEMA.registerExtension(SCHEMA);
    }

    public VCardUpdate(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<VCardUpdate> schema() {
        return SCHEMA;
    }

    /**
     * The photo's hash, lower case: {@code ""} for "no photo", null when the sender does not say (no
     * {@code <photo/>}) or what it says is not a SHA-1 in hex.
     */
    public @Nullable String getPhotoHash() {
        XmlElement photo = xml.element("photo", NAMESPACE);
        if (photo == null) {
            return null;
        }
        String hash = photo.text().trim().toLowerCase(java.util.Locale.ROOT);
        return hash.isEmpty() || hash.matches("[0-9a-f]{40}") ? hash : null;
    }

    /** Sets the hash: {@code ""} writes an empty {@code <photo/>}, null removes it. */
    public VCardUpdate setPhotoHash(@Nullable String hash) {
        xml.removeElements("photo", NAMESPACE);
        if (hash != null) {
            XmlElement photo = xml.addElement("photo", NAMESPACE);
            if (!hash.isEmpty()) {
                photo.setText(hash);
            }
        }
        return this;
    }

    /** Whether the sender says anything about its photo (a {@code <photo/>} child, even an unreadable one). */
    public boolean hasPhoto() {
        return xml.element("photo", NAMESPACE) != null;
    }
}
