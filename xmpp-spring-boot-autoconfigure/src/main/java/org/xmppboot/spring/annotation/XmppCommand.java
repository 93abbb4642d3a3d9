package org.xmppboot.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a bean method an ad-hoc command (XEP-0050) of the connection: listed to those who may run it when they
 * ask the bot's commands ({@code disco#items} on {@code http://jabber.org/protocol/commands}), and run when they
 * execute it. The {@code xep_0050} plugin is loaded if it is not already.
 *
 * <p>Parameters, in any order: the requester's {@code Jid}; the submitted {@code DataForm} (null on the first
 * step, and on steps that submit none); the {@code CommandSession}; the whole {@code CommandRequest} (action,
 * node, form, session); the connection ({@code BaseXMPP}, {@code ClientXMPP}, {@code ComponentXMPP}).
 *
 * <p>Return values: nothing (completed, no note); a {@code String} (completed, with that text as an info
 * note); a {@code DataForm} (completed, with that result form); a {@code CommandResponse}, for anything else;
 * a {@code CompletionStage} of one of these, answered when it completes.
 *
 * <p>Multi-step commands: the same method is called for every step of a session. The request says which:
 * {@code request.isStart()} on the first, then the action ({@code next} or {@code complete}),
 * {@code session.stage()} how many forms have come back (1 for the first), and the form the one submitted
 * (already checked against the form sent: required fields, option lists, datatypes). Return
 * {@code CommandResponse.ask(form, defaultAction, otherActions...)} to ask for the next form, a completed
 * response to finish; what the method keeps between steps goes into the session ({@code session.put}). The
 * method is not called for {@code prev} (the previous form is sent again) nor {@code cancel} (the session
 * ends).
 *
 * <p>Access: a requester must pass the {@link #condition()} and, when the property
 * {@code xmpp.commands.<node>.allow} is set (a list of JIDs and domains; for a node with other characters than
 * lowercase letters, digits and {@code -}, {@code xmpp.commands[<node>].allow}), be on that list. Others do not
 * see the command, and are answered {@code forbidden} if they run it anyway.
 *
 * <p>The method runs on the event thread: it must not block (return a {@code CompletionStage} for slow work).
 * A thrown (or failed stage's) {@code StanzaErrorException} answers the request with its error; any other failure
 * {@code internal-server-error}; either ends the session. A method whose parameters or return type cannot work
 * fails start-up, naming it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface XmppCommand {

    /** The command's node, unique among the bot's commands, such as {@code status}. */
    String node();

    /** The name clients show, such as {@code Status}; by default the node. */
    String name() default "";

    /**
     * A SpEL expression that must be true for a requester to see and run the command, over {@code #from} (the
     * requester's JID) and {@code #xmpp}; for example {@code #from.domain == 'example.org'}.
     */
    String condition() default "";

    /** The handler's id in the endpoint registry; by default {@code beanName.methodName}. */
    String id() default "";
}
