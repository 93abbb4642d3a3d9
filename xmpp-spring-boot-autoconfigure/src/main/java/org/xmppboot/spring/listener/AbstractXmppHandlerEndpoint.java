package org.xmppboot.spring.listener;

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
