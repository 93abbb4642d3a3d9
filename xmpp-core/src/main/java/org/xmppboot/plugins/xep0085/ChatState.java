package org.xmppboot.plugins.xep0085;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;

/**
 * The five chat states of XEP-0085 §2, each an empty element in {@code http://jabber.org/protocol/chatstates}.
 * Each has its {@link #schema()}, registered on {@link Message} under the element's name, so
 * {@code message.get("composing")} and the stanza path {@code message/composing} work.
 */
public enum ChatState {
    /** The user takes part in the chat. */
    ACTIVE,
    /** The user is writing a message. */
    COMPOSING,
    /** The user had been writing and stopped. */
    PAUSED,
    /** The user has not taken part in the chat for a while. */
    INACTIVE,
    /** The user has left the chat. */
    GONE;

    private final String value = name().toLowerCase(Locale.ROOT);
    private final Schema<ChatStateNotification> schema =
            Schema.builder(value, ChatStates.NAMESPACE, ChatStateNotification::new).build();

    static {
        for (ChatState state : values()) {
            Message.SCHEMA.registerExtension(state.schema);
        }
    }

    /** The element's name, as in {@code chatstate_composing}. */
    public String value() {
        return value;
    }

    public Schema<ChatStateNotification> schema() {
        return schema;
    }

    /** The state named by an element in the chat states namespace, or null for any other name. */
    public static @Nullable ChatState fromElementName(String name) {
        for (ChatState state : values()) {
            if (state.value.equals(name)) {
                return state;
            }
        }
        return null;
    }
}
