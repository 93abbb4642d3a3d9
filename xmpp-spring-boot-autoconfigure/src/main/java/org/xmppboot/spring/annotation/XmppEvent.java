package org.xmppboot.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Marks a bean method as a handler of a connection event: {@code session_start}, {@code message} (messages with
 * a body), {@code message_without_body} (chat states, receipts, markers), {@code groupchat_message},
 * {@code got_online}, {@code changed_status}, {@code disconnected}, plugin events ({@code receipt_received},
 * {@code chatstate_composing}, ...), or events the application raises itself with
 * {@code BaseXMPP.event(name, data)}. README's "Events" section lists them with their payloads.
 *
 * <p>Parameters: the event's payload (any type it is an instance of), the connection, and for stanza payloads
 * the sender's {@code Jid}. Return values are handled as for {@link StanzaHandler} when the payload is a
 * stanza (a {@code String} replies to it), and ignored otherwise.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface XmppEvent {

    /** The event name. */
    @AliasFor("name")
    String value() default "";

    /** Same as {@link #value()}. */
    @AliasFor("value")
    String name() default "";

    /** Runs on the handler executor instead of the event thread, in order per sender. */
    boolean threaded() default false;

    /** Runs once, then is removed. */
    boolean disposable() default false;

    /** A SpEL expression over {@code #data}, {@code #stanza}, {@code #from} and {@code #xmpp}; false skips. */
    String condition() default "";

    /** The handler's id in the endpoint registry; by default {@code beanName.methodName}. */
    String id() default "";
}
