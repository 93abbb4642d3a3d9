package org.xmppboot.plugins.xep0333;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * A chat marker ({@code <displayed xmlns='urn:xmpp:chat-markers:0' id='...'/>}, or received, acknowledged): the
 * id of the message it marks (XEP-0333 §4.2), and reading the one a message carries.
 */
public final class ChatMarker extends ElementBase {

    private final Marker marker;

    public ChatMarker(XmlElement xml) {
        super(xml);
        this.marker = Objects.requireNonNull(Marker.fromElementName(xml.name()), "not a chat marker: " + xml.name());
    }

    public Marker marker() {
        return marker;
    }

    @Override
    public Schema<ChatMarker> schema() {
        return marker.schema();
    }

    /** The id of the marked message; null (a malformed marker) if missing or empty. */
    public @Nullable String getId() {
        String id = xml.attribute("id");
        return id == null || id.isEmpty() ? null : id;
    }

    public ChatMarker setId(String id) {
        xml.setAttribute("id", id);
        return this;
    }

    /** The first marker a message carries, or null. */
    public static @Nullable ChatMarker of(Message message) {
        for (XmlElement child : message.xml().elements()) {
            if (ChatMarkers.NAMESPACE.equals(child.namespace()) && Marker.fromElementName(child.name()) != null) {
                return new ChatMarker(child);
            }
        }
        return null;
    }

    /** Adds a marker for message {@code id} to a message. */
    public static ChatMarker add(Message message, Marker marker, String id) {
        return message.enableExtension(marker.schema()).setId(id);
    }
}
