package org.xmppboot.plugins.xep0085;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * A chat state notification element ({@code <composing xmlns='http://jabber.org/protocol/chatstates'/>} and the
 * other four), and reading and writing the one a message carries.
 */
public final class ChatStateNotification extends ElementBase {

    private final ChatState state;

    public ChatStateNotification(XmlElement xml) {
        super(xml);
        this.state = Objects.requireNonNull(ChatState.fromElementName(xml.name()), "not a chat state: " + xml.name());
    }

    public ChatState state() {
        return state;
    }

    @Override
    public Schema<ChatStateNotification> schema() {
        return state.schema();
    }

    /**
     * The state a message carries: its first element in the chat states namespace that names a state (§5.6 allows
     * only one), or null.
     */
    public static @Nullable ChatState of(Message message) {
        for (XmlElement child : message.xml().elements()) {
            if (ChatStates.NAMESPACE.equals(child.namespace())) {
                ChatState state = ChatState.fromElementName(child.name());
                if (state != null) {
                    return state;
                }
            }
        }
        return null;
    }

    /** Sets the state a message carries, replacing any other (§5.6: one at most); null removes it. */
    public static void set(Message message, @Nullable ChatState state) {
        for (XmlElement child : message.xml().elements()) {
            if (ChatStates.NAMESPACE.equals(child.namespace())) {
                message.xml().removeChild(child);
            }
        }
        if (state != null) {
            message.enableExtension(state.schema());
        }
    }
}
