package org.xmppboot.plugins.xep0333;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;

/**
 * The kinds of chat marker. XEP-0333 1.0 defines only {@link #DISPLAYED}; {@link #RECEIVED} and
 * {@link #ACKNOWLEDGED} come from its earlier versions (up to 0.4), which clients still send. Each has its
 * {@link #schema()}, registered on {@link Message} under the element's name ({@code message.get("displayed")},
 * the stanza path {@code message/displayed}).
 */
public enum Marker {
    /** The message reached a client (superseded by XEP-0184 receipts). */
    RECEIVED,
    /** The message was shown to the user. */
    DISPLAYED,
    /** The user acted on the message. */
    ACKNOWLEDGED;

    private final String value = name().toLowerCase(Locale.ROOT);
    private final Schema<ChatMarker> schema =
            Schema.builder(value, ChatMarkers.NAMESPACE, ChatMarker::new).attribute("id").build();

    static {
        for (Marker marker : values()) {
            Message.SCHEMA.registerExtension(marker.schema);
        }
    }

    /** The element's name, as in {@code marker_displayed}. */
    public String value() {
        return value;
    }

    public Schema<ChatMarker> schema() {
        return schema;
    }

    /** The marker named by an element in the chat markers namespace, or null for any other name. */
    public static @Nullable Marker fromElementName(String name) {
        for (Marker marker : values()) {
            if (marker.value.equals(name)) {
                return marker;
            }
        }
        return null;
    }
}
