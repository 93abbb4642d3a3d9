package org.xmppboot.plugins.xep0050;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * Another entity's command being run by us (XEP-0050 §4), from {@link AdHocCommands#execute}: the latest
 * response, and the steps that follow it. Each step sends one request and completes, with this same object,
 * once the response is in; an error response fails it with a {@link StanzaErrorException} (whose
 * {@link CommandException.Reason} {@link #reasonOf} reads). Take one step at a time.
 */
public final class RemoteCommand {

    private final PluginContext context;
    private final Jid to;
    private final String node;
    private volatile @Nullable String sessionId;
    private volatile @Nullable CommandResponse response;

    RemoteCommand(PluginContext context, Jid to, String node) {
        this.context = context;
        this.to = to;
        this.node = node;
    }

    /** Who offers the command. */
    public Jid to() {
        return to;
    }

    public String node() {
        return node;
    }

    /** The session id the entity gave, or null before its first response (or if it gave none). */
    public @Nullable String sessionId() {
        return sessionId;
    }

    /** The latest response. */
    public CommandResponse response() {
        CommandResponse current = response;
        if (current == null) {
            throw new IllegalStateException("The command has not answered yet");
        }
        return current;
    }

    /** The form of the latest response (to fill in while executing, the result when completed), or null. */
    public @Nullable DataForm form() {
        return response().form();
    }

    /** Whether the command waits for a next step. */
    public boolean isExecuting() {
        return response().isExecuting();
    }

    /** Goes on with a filled-in form. */
    public CompletableFuture<RemoteCommand> next(DataForm form) {
        return send(CommandAction.NEXT, form);
    }

    /** Goes back a step. */
    public CompletableFuture<RemoteCommand> prev() {
        return send(CommandAction.PREV, null);
    }

    /** Finishes with a filled-in form (null to finish without one). */
    public CompletableFuture<RemoteCommand> complete(@Nullable DataForm form) {
        return send(CommandAction.COMPLETE, form);
    }

    /** Gives up; the entity ends the session. */
    public CompletableFuture<RemoteCommand> cancel() {
        return send(CommandAction.CANCEL, null);
    }

    CompletableFuture<RemoteCommand> send(CommandAction action, @Nullable DataForm form) {
        Iq iq = context.makeIq(Iq.Type.SET, to);
        iq.setPayload(Command.request(node, sessionId, action, form).xml());
        return context.sendIq(iq, null).thenApply(this::received);
    }

    private RemoteCommand received(Iq result) {
        Command command = result.extension(Command.SCHEMA);
        if (command == null) {
            // An empty result says nothing more than that the command is done.
            response = CommandResponse.completed();
            return this;
        }
        String id = command.getSessionId();
        if (id != null) {
            sessionId = id;
        }
        response = command.toResponse();
        return this;
    }

    /** The XEP-0050 condition of an error response ({@code bad-sessionid}...), or null if it has none. */
    public static CommandException.@Nullable Reason reasonOf(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StanzaErrorException)) {
            cause = cause.getCause();
        }
        if (!(cause instanceof StanzaErrorException error) || error.stanza() == null) {
            return null;
        }
        var stanzaError = Objects.requireNonNull(error.stanza()).getError();
        var condition = stanzaError == null ? null : stanzaError.getApplicationCondition();
        return condition == null || !condition.namespace().equals(AdHocCommands.NAMESPACE) ? null
                : CommandException.Reason.fromElementName(condition.name());
    }
}
