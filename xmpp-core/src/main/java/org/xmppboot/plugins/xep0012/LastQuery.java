package org.xmppboot.plugins.xep0012;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <query xmlns='jabber:iq:last' seconds='123'>status</query>} (XEP-0012 §2): empty in a request; in a
 * result, seconds since the last activity (or since a server started) and, for an offline user, the status of
 * their last unavailable presence. Interfaces: {@code seconds} (the attribute's text), {@code status}.
 */
public final class LastQuery extends ElementBase {

    public static final Schema<LastQuery> SCHEMA = Schema.builder("query", LastActivity.NAMESPACE, LastQuery::new)
            .attribute("seconds")
            .custom("status", LastQuery::getStatus, (q, v) -> q.setStatus(v == null ? null : v.toString()),
                    q -> q.setStatus(null))
            .build();

    public LastQuery(XmlElement xml) {
        super(xml);
    }

    /** An empty request payload. */
    public static LastQuery request() {
        return new LastQuery(new XmlElement("query", LastActivity.NAMESPACE));
    }

    @Override
    public Schema<LastQuery> schema() {
        return SCHEMA;
    }

    /** The seconds, or null if absent, negative or not a number. */
    public @Nullable Long getSeconds() {
        String seconds = xml.attribute("seconds");
        if (seconds == null) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            return value < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public LastQuery setSeconds(long seconds) {
        xml.setAttribute("seconds", Long.toString(seconds));
        return this;
    }

    /** The status text, or null if there is none. */
    public @Nullable String getStatus() {
        String status = xml.text().strip();
        return status.isEmpty() ? null : status;
    }

    public LastQuery setStatus(@Nullable String status) {
        xml.setText(status);
        return this;
    }
}
