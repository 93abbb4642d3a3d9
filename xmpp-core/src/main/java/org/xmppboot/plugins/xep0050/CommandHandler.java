package org.xmppboot.plugins.xep0050;

import org.jspecify.annotations.Nullable;

/**
 * Runs a command's steps (XEP-0050 §4). It runs on the event thread, so it must not block.
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * Answers one step.
     *
     * @return the response: a form to fill in keeps the session, a completed or canceled response ends it;
     *     null means completed without anything to say
     * @throws org.xmppboot.stanza.StanzaErrorException to refuse with that error (a {@link CommandException}
     *     for one of XEP-0050's own conditions); any other exception is answered internal-server-error. Either
     *     way the session ends.
     */
    @Nullable CommandResponse handle(CommandRequest request) throws Exception;
}
