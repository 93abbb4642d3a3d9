package org.xmppboot.plugins.xep0050;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;

/**
 * What a command handler is asked to do: one step of a command.
 *
 * @param from who runs the command
 * @param node the command's node
 * @param action {@code execute} for the first step; then {@code next} or {@code complete} (an {@code execute}
 *     within a session arrives as the action it stands for, §3.4; {@code prev} and {@code cancel} are answered
 *     by the plugin)
 * @param form the submitted form: for next and complete, checked against the form last sent (its required
 *     fields are filled in, its values valid); null when none was sent
 * @param session the session, the same object for every step of this run
 */
public record CommandRequest(Jid from, String node, CommandAction action, @Nullable DataForm form,
        CommandSession session) {

    /** Whether this is the first step. */
    public boolean isStart() {
        return action == CommandAction.EXECUTE;
    }
}
