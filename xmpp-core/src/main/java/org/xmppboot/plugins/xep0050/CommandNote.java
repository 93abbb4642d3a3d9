package org.xmppboot.plugins.xep0050;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A note in a response, {@code <note type='info'>text</note>} (XEP-0050 §3.4): information for the person
 * running the command.
 */
public record CommandNote(Type type, String text) {

    /** §3.4: info (the default), warn, error. */
    public enum Type {
        INFO, WARN, ERROR;

        private final String value = name().toLowerCase(Locale.ROOT);

        public String value() {
            return value;
        }

        /** The type of that value; {@link #INFO}, the default, when absent or unknown. */
        public static Type fromValue(@Nullable String value) {
            for (Type type : values()) {
                if (type.value.equals(value)) {
                    return type;
                }
            }
            return INFO;
        }
    }

    public CommandNote {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
    }

    public static CommandNote info(String text) {
        return new CommandNote(Type.INFO, text);
    }

    public static CommandNote warn(String text) {
        return new CommandNote(Type.WARN, text);
    }

    public static CommandNote error(String text) {
        return new CommandNote(Type.ERROR, text);
    }
}
