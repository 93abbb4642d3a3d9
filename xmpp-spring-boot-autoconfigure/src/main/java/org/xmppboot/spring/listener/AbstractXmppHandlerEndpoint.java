package org.xmppboot.spring.listener;

import org.jspecify.annotations.Nullable;

/**
 * What every annotated handler endpoint shares: its id and description, and starting and stopping it, which
 * registers its callbacks on the connection and removes them again. Subclasses say what to register.
 */
abstract class AbstractXmppHandlerEndpoint implements XmppHandlerEndpoint {

    private final String id;
    private final String description;
    private boolean running;

    AbstractXmppHandlerEndpoint(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The connection event this endpoint handles, or null. */
    @Nullable String event() {
        return null;
    }

    /**
     * Whether {@link #event()} belongs to this endpoint alone (a threaded stanza handler runs as the event of
     * its id): no other annotated handler may use that event.
     */
    boolean ownsEvent() {
        return false;
    }

    /** Adds this handler's callbacks to the connection. */
    abstract void register();

    /** Removes them. */
    abstract void unregister();

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final synchronized boolean isRunning() {
        return running;
    }

    @Override
    public final synchronized void start() {
        if (!running) {
            register();
            running = true;
        }
    }

    @Override
    public final synchronized void stop() {
        if (running) {
            unregister();
            running = false;
        }
    }

    @Override
    public String toString() {
        return id + " (" + description + ")";
    }
}
