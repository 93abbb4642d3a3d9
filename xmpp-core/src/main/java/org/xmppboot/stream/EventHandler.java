package org.xmppboot.stream;

import org.jspecify.annotations.Nullable;

/** A callback for a named event; {@code data} is whatever the event was raised with (often a stanza). */
@FunctionalInterface
public interface EventHandler {

    void handle(@Nullable Object data) throws Exception;

    /**
     * What the handler is called in timings, failures and the watchdog's warnings; null (the default) for the
     * event's name.
     */
    default @Nullable String name() {
        return null;
    }

    /** A handler with a name of its own (see {@link #name()}). */
    static EventHandler named(String name, EventHandler handler) {
        return new EventHandler() {
            @Override
            public void handle(@Nullable Object data) throws Exception {
                handler.handle(data);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
