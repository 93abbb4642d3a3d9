package org.xmppboot.plugins.xep0054;

import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * A {@code <vCard xmlns='vcard-temp'/>} (XEP-0054, the DTD of §9): the common fields typed, every other element
 * (N, ORG, TEL, ADR, ...) kept in the XML as it came, so that reading, editing and writing back a card changes
 * only what was edited. Reachable as {@code iq.get("vcard_temp")}.
 */
public final class VCard extends ElementBase {

    public static final Schema<VCard> SCHEMA = Schema.builder("vCard", VCardTemp.NAMESPACE, VCard::new)
            .extensionName("vcard_temp")
            .childText("FN").childText("NICKNAME").childText("URL").childText("DESC").childText("BDAY")
            .childText("JABBERID")
            .build();

    static {
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    /** The {@code PHOTO} of a card: its MIME type and the decoded image. */
    public record Photo(@Nullable String type, byte[] data) {
    }

    public VCard(XmlElement xml) {
        super(xml);
    }

    /** A new, empty card. */
    public static VCard create() {
        return SCHEMA.create(VCardTemp.NAMESPACE);
    }

    @Override
    public Schema<VCard> schema() {
        return SCHEMA;
    }

    /** The formatted name ({@code FN}). */
    public @Nullable String getFullName() {
        return text("FN");
    }

    public VCard setFullName(@Nullable String name) {
        setChildText("FN", VCardTemp.NAMESPACE, name);
        return this;
    }

    public @Nullable String getNickname() {
        return text("NICKNAME");
    }

    public VCard setNickname(@Nullable String nickname) {
        setChildText("NICKNAME", VCardTemp.NAMESPACE, nickname);
        return this;
    }

    public @Nullable String getUrl() {
        return text("URL");
    }

    public VCard setUrl(@Nullable String url) {
        setChildText("URL", VCardTemp.NAMESPACE, url);
        return this;
    }

    /** The free-text description ({@code DESC}). */
    public @Nullable String getDescription() {
        return text("DESC");
    }

    public VCard setDescription(@Nullable String description) {
        setChildText("DESC", VCardTemp.NAMESPACE, description);
        return this;
    }

    /** The birthday ({@code BDAY}), as written (ISO 8601 by the vCard rules, not checked). */
    public @Nullable String getBirthday() {
        return text("BDAY");
    }

    public VCard setBirthday(@Nullable String birthday) {
        setChildText("BDAY", VCardTemp.NAMESPACE, birthday);
        return this;
    }

    /** The first {@code EMAIL/USERID}. */
    public @Nullable String getEmail() {
        XmlElement email = xml.element("EMAIL", VCardTemp.NAMESPACE);
        return email == null ? null : trimmed(email.childText("USERID", VCardTemp.NAMESPACE));
    }

    /**
     * The photo, when the card carries one inline ({@code PHOTO/BINVAL}); null without one, or when its
     * base64 is not readable (a card from the network is not trusted to be well formed). A photo given by
     * {@code PHOTO/EXTVAL} (a URL) reads as null too.
     */
    public @Nullable Photo getPhoto() {
        XmlElement photo = xml.element("PHOTO", VCardTemp.NAMESPACE);
        String binval = photo == null ? null : photo.childText("BINVAL", VCardTemp.NAMESPACE);
        if (binval == null || binval.isBlank()) {
            return null;
        }
        try {
            // Servers and clients wrap long base64 in lines: the MIME decoder skips the line breaks.
            byte[] data = Base64.getMimeDecoder().decode(binval.trim());
            return new Photo(trimmed(photo.childText("TYPE", VCardTemp.NAMESPACE)), data);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Replaces the photo with an inline image ({@code PHOTO/TYPE} and {@code PHOTO/BINVAL}); null removes it. */
    public VCard setPhoto(@Nullable Photo photo) {
        xml.removeElements("PHOTO", VCardTemp.NAMESPACE);
        if (photo != null) {
            XmlElement element = xml.addElement("PHOTO", VCardTemp.NAMESPACE);
            if (photo.type() != null) {
                element.addElement("TYPE", VCardTemp.NAMESPACE).setText(photo.type());
            }
            element.addElement("BINVAL", VCardTemp.NAMESPACE)
                    .setText(Base64.getEncoder().encodeToString(photo.data()));
        }
        return this;
    }

    /** A deep copy, to edit without touching this one. */
    @Override
    public VCard copy() {
        return new VCard(xml.copy());
    }

    private @Nullable String text(String field) {
        return trimmed(xml.childText(field, VCardTemp.NAMESPACE));
    }

    private static @Nullable String trimmed(@Nullable String text) {
        return text == null ? null : text.trim();
    }
}
