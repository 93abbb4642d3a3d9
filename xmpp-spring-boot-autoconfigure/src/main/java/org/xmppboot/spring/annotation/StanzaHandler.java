package org.xmppboot.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.xmppboot.stanza.StanzaBase;

/**
 * Marks a bean method as a handler of received stanzas. Say which stanzas with one matcher: a stanza path
 * ({@link #value()}, such as {@code message@type=chat/body}), an element path ({@link #xpath()}) or an XML
 * mask ({@link #mask()}); with none, the stanza parameter's type decides ({@code Message} gets messages).
 *
 * <p>Parameters, in any order: the stanza (typed: a {@code Message} parameter only gets messages), the
 * connection ({@code BaseXMPP}, {@code ClientXMPP}, {@code ComponentXMPP}), the sender's {@code Jid}.
 *
 * <p>Return values: nothing; a {@code String}, sent back to the sender as a reply message (type and thread
 * kept); a stanza, sent; a {@code CompletableFuture} of any of these, handled when it completes.
 *
 * <p>Iq requests: a path that names the request's type and payload, such as
 * {@code iq@type=get/{urn:example:time}time}, makes the method the connection's iq handler for that route
 * ({@code BaseXMPP.registerIqHandler}); a route has one handler, so a second method on it (or on a route a
 * plugin answers) fails start-up. Every iq get or set gets exactly one response, from what the method returns:
 * nothing (an empty result, unless it answered through the request), an {@code XmlElement} (the result's
 * payload), an {@code Iq} result or error (the response), or a {@code CompletionStage} of one. A {@code String}
 * is no iq response: a method declared to return one fails start-up. A thrown {@code StanzaErrorException} is
 * answered with its condition and text; any other failure {@code internal-server-error}, and it is reported.
 * A method with another matcher (an xpath, a mask, a path without the payload) answers the iq requests it takes
 * by the same rules, but not those an iq handler answers: it is not called for them.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StanzaHandler {

    /** A stanza path, such as {@code message@type=chat/body} or {@code iq@type=get/{urn:xmpp:ping}ping}. */
    @AliasFor("path")
    String value() default "";

    /** Same as {@link #value()}. */
    @AliasFor("value")
    String path() default "";

    /** An element path, such as {@code {jabber:client}iq/{urn:xmpp:ping}ping}. */
    String xpath() default "";

    /** An XML mask the stanza must contain, such as {@code <message type='chat'><body/></message>}. */
    String mask() default "";

    /** Only stanzas of this class (the stanza parameter's type narrows it further). */
    Class<? extends StanzaBase> type() default StanzaBase.class;

    /**
     * Only groupchat messages from this room (XEP-0045), a bare JID such as {@code team@conference.example.org};
     * property placeholders are resolved ({@code ${bot.room}}). Without a path, the room's messages with a body.
     * The bot's own messages, reflected by the room, never arrive (the MUC plugin drops them), and a
     * {@code String} returned is sent to the room.
     */
    String room() default "";

    /**
     * A SpEL expression that must be true for the handler to take the stanza, over {@code #stanza},
     * {@code #from} and {@code #xmpp}; for example {@code #from.domain == 'example.org'}. A stanza it rejects is
     * treated as if this handler did not exist (an iq then gets {@code service-unavailable}).
     */
    String condition() default "";

    /**
     * Runs on the handler executor instead of the event thread, in order per sender. It is timed and reported
     * as a threaded event handler is: {@code xmpp.handler.duration} measures the method on the executor, and a
     * failure counts in the connection's {@code handlerFailures()} and is raised as the {@code exception} event.
     * (It runs as the connection event named by its {@link #id()}; the stream handler that hands it the stanzas,
     * or for an iq route the iq handler, is {@code <id>:hand-off}.)
     */
    boolean threaded() default false;

    /** The handler's id in the endpoint registry and in metrics; by default {@code beanName.methodName}. */
    String id() default "";
}
