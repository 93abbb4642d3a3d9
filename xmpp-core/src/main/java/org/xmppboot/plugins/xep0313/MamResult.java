package org.xmppboot.plugins.xep0313;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0297.Forwarded;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <result xmlns='urn:xmpp:mam:2' queryid='..' id='..'/>} (XEP-0313 §4.2): one archived message, sent in a
 * message of its own while a query runs. {@code id} is the archive's id of the message (its stanza-id), the
 * {@code <forwarded/>} holds the message and when it was archived. Reached on a message as {@code mam_result}.
 */
public final class MamResult extends ElementBase {

    public static final Schema<MamResult> SCHEMA = Schema.builder("result", MessageArchive.NAMESPACE,
            MamResult::new)
            .extensionName("mam_result")
            .attribute("queryid").attribute("id")
            .build();

    static {
        SCHEMA.registerExtension(Forwarded.SCHEMA);
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public MamResult(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<MamResult> schema() {
        return SCHEMA;
    }

    /** The id of the query this result answers, or null. */
    public @Nullable String getQueryId() {
        return xml.attribute("queryid");
    }

    /** The archive's id of the message; null if absent or empty. */
    public @Nullable String getId() {
        String id = xml.attribute("id");
        return id == null || id.isEmpty() ? null : id;
    }

    public @Nullable Forwarded getForwarded() {
        return extension(Forwarded.SCHEMA);
    }
}
