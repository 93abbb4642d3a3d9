package org.xmppboot.stream;

import org.jspecify.annotations.Nullable;

/** A callback for a named event; {@code data} is whatever the event was raised with (often a stanza). */
@FunctionalInterface
public interface EventHandler {

    void handle(@Nullable Object data) throws Exception;
}
