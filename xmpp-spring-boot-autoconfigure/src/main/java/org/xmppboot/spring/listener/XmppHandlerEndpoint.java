package org.xmppboot.spring.listener;

/**
 * One annotated handler method, registered on the connection. It can be stopped (removed from the connection,
 * so its stanzas go to the other handlers, or for an iq, get {@code service-unavailable}) and started again.
 */
public interface XmppHandlerEndpoint {

    /** The id: the annotation's {@code id}, or {@code beanName.methodName}. */
    String id();

    /** What it handles: {@code stanza <matcher>} or {@code event <name>}. */
    String description();

    boolean isRunning();

    void start();

    void stop();
}
