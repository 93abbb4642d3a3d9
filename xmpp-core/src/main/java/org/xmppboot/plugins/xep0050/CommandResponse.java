package org.xmppboot.plugins.xep0050;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0004.DataForm;

/**
 * One response of a command (XEP-0050 §3.4): a form to fill in with the actions the requester may take next
 * ({@link #ask}), a completed result with notes and an optional result form ({@link #completed}), or a
 * cancellation ({@link #canceled}). The same shape is read from another entity's responses.
 *
 * @param form the form to fill in (executing) or the result form (completed); null for none
 * @param actions the actions the requester may take next, of prev, next and complete; only while executing
 * @param defaultAction the action an {@code execute} within the session means (§4.4); one of {@code actions}
 * @param notes notes for the person running the command
 */
public record CommandResponse(CommandStatus status, @Nullable DataForm form, List<CommandAction> actions,
        @Nullable CommandAction defaultAction, List<CommandNote> notes) {

    public CommandResponse {
        Objects.requireNonNull(status, "status");
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
        for (CommandAction action : actions) {
            if (!action.isStep()) {
                throw new IllegalArgumentException("A response offers prev, next or complete, not " + action.value());
            }
        }
        if (status != CommandStatus.EXECUTING && !actions.isEmpty()) {
            throw new IllegalArgumentException("Only an executing command offers actions");
        }
        if (defaultAction != null && !actions.contains(defaultAction)) {
            throw new IllegalArgumentException("The default action " + defaultAction.value() + " is not offered");
        }
    }

    /**
     * A form to fill in, then done: the only action offered is {@code complete}. The usual single-form command.
     */
    public static CommandResponse ask(DataForm form) {
        return ask(form, CommandAction.COMPLETE);
    }

    /**
     * A form to fill in within a longer dialogue.
     *
     * @param defaultAction the action {@code execute} means, offered like the others
     * @param others further actions offered (prev, next, complete)
     */
    public static CommandResponse ask(DataForm form, CommandAction defaultAction, CommandAction... others) {
        Set<CommandAction> offered = new LinkedHashSet<>();
        offered.add(defaultAction);
        offered.addAll(List.of(others));
        return new CommandResponse(CommandStatus.EXECUTING, form, List.copyOf(offered), defaultAction, List.of());
    }

    /** Done, with nothing to say. */
    public static CommandResponse completed() {
        return new CommandResponse(CommandStatus.COMPLETED, null, List.of(), null, List.of());
    }

    /** Done, with an informational note. */
    public static CommandResponse completed(String info) {
        return completed().withNote(CommandNote.info(info));
    }

    /** Done, with a result form. */
    public static CommandResponse completed(DataForm result) {
        return new CommandResponse(CommandStatus.COMPLETED, result, List.of(), null, List.of());
    }

    /** The command was canceled. */
    public static CommandResponse canceled() {
        return new CommandResponse(CommandStatus.CANCELED, null, List.of(), null, List.of());
    }

    /** The same response with a note more. */
    public CommandResponse withNote(CommandNote note) {
        List<CommandNote> more = new ArrayList<>(notes);
        more.add(note);
        return new CommandResponse(status, form, actions, defaultAction, more);
    }

    /** Whether the command goes on after this response (status executing). */
    public boolean isExecuting() {
        return status == CommandStatus.EXECUTING;
    }

    /**
     * What {@code execute} within the session means (§3.4): the default action; next when {@code <actions/>}
     * names none; complete when there is no {@code <actions/>} at all (a single-stage dialogue).
     */
    public CommandAction effectiveDefault() {
        if (defaultAction != null) {
            return defaultAction;
        }
        return actions.isEmpty() ? CommandAction.COMPLETE : CommandAction.NEXT;
    }

    /**
     * Whether the requester may take this step now: one of the actions offered, or complete when none is
     * (§3.4). Cancel is always allowed while executing, and execute stands for {@link #effectiveDefault()}.
     */
    public boolean allows(CommandAction action) {
        if (!isExecuting()) {
            return false;
        }
        if (action == CommandAction.CANCEL) {
            return true;
        }
        CommandAction step = action == CommandAction.EXECUTE ? effectiveDefault() : action;
        return actions.isEmpty() ? step == CommandAction.COMPLETE : actions.contains(step);
    }
}
