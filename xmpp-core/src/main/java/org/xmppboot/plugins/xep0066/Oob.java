package org.xmppboot.plugins.xep0066;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <x xmlns='jabber:x:oob'><url>..</url><desc>..</desc></x>} (XEP-0066 §4): a URL the recipient may fetch,
 * with an optional description. Reached on a message as {@code oob}.
 */
public final class Oob extends ElementBase {

    public static final Schema<Oob> SCHEMA = Schema.builder("x", OutOfBandData.NAMESPACE, Oob::new)
            .extensionName("oob").childText("url").childText("desc").build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public Oob(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Oob> schema() {
        return SCHEMA;
    }

    /** The URL; null if absent or blank (the element is then of no use). */
    public @Nullable String getUrl() {
        String url = xml.childText("url", OutOfBandData.NAMESPACE);
        return url == null || url.isBlank() ? null : url.trim();
    }

    public @Nullable String getDesc() {
        return xml.childText("desc", OutOfBandData.NAMESPACE);
    }

    /** Gives a message this URL and description, replacing any; a null URL removes the element. */
    public static void set(Message message, @Nullable String url, @Nullable String desc) {
        message.removeExtension(SCHEMA);
        if (url != null) {
            XmlElement x = message.enableExtension(SCHEMA).xml();
            x.addElement("url", OutOfBandData.NAMESPACE).setText(url);
            if (desc != null) {
                x.addElement("desc", OutOfBandData.NAMESPACE).setText(desc);
            }
        }
    }
}
