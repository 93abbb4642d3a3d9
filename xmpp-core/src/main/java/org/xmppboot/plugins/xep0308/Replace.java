package org.xmppboot.plugins.xep0308;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <replace xmlns='urn:xmpp:message-correct:0' id='..'/>} (XEP-0308 §3): the message carrying it replaces
 * the payloads of the message with that id. Reached on a message as {@code replace}.
 */
public final class Replace extends ElementBase {

    public static final Schema<Replace> SCHEMA = Schema.builder("replace", MessageCorrection.NAMESPACE, Replace::new)
            .attribute("id").build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public Replace(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Replace> schema() {
        return SCHEMA;
    }

    /** The id of the message being corrected; null (a malformed correction) if missing or empty. */
    public @Nullable String getId() {
        String id = xml.attribute("id");
        return id == null || id.isEmpty() ? null : id;
    }

    /** The id a message corrects, or null when it is no (well-formed) correction. */
    public static @Nullable String idOf(Message message) {
        Replace replace = message.extension(SCHEMA);
        return replace == null ? null : replace.getId();
    }

    /** Makes a message the correction of message {@code id}, or with null an ordinary message again. */
    public static void set(Message message, @Nullable String id) {
        if (id == null) {
            message.removeExtension(SCHEMA);
        } else {
            message.enableExtension(SCHEMA).xml().setAttribute("id", id);
        }
    }
}
