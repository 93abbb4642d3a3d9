package org.xmppboot.plugins.xep0050;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.BoundedCache;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.DataForms;
import org.xmppboot.plugins.xep0004.FormValidationException;
import org.xmppboot.plugins.xep0030.DiscoInfo;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Identity;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Item;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * XEP-0050 Ad-Hoc Commands, both ways.
 *
 * <p>Offering: {@link #addCommand} registers a command under a node with a {@link CommandHandler}, and
 * optionally who may run it. Requesters find the commands with {@code disco#items} on the node
 * {@code http://jabber.org/protocol/commands} (only those they may run are listed, §2.2), learn about each
 * with {@code disco#info} on its node (§2.3), and run it with {@code <command/>} requests. The plugin keeps the
 * sessions of multi-step commands ({@link AdHocCommandsConfig}: idle timeout, bounded number), checks each
 * action against those the last response offered and each submitted form against the form it answers, and
 * answers the errors of §4.6. The plugin answers two actions itself, without calling the handler: {@code prev}
 * sends the previous stage's response again, {@code cancel} ends the session. The requests of one session are
 * taken one at a time, in the order they arrive: a request that comes while an (asynchronous) step is still
 * being answered waits for it, then runs on the event thread, and is refused {@code bad-sessionid} if that
 * step ended the command.
 *
 * <p>Using: {@link #listCommands} asks another entity for its commands, {@link #execute} starts one and gives
 * a {@link RemoteCommand} to step through it.
 *
 * <p>Raises no events.
 */
public class AdHocCommands extends BasePlugin {

    public static final String NAME = "xep_0050";
    public static final String NAMESPACE = "http://jabber.org/protocol/commands";

    private final Map<String, OfferedCommand> commands = new LinkedHashMap<>();
    private volatile AdHocCommandsConfig config;
    private volatile BoundedCache<String, CommandSession> sessions;

    public AdHocCommands() {
        this(AdHocCommandsConfig.DEFAULT);
    }

    public AdHocCommands(AdHocCommandsConfig config) {
        super(NAME, ServiceDiscovery.NAME, DataForms.NAME);
        configure(config);
    }

    /** Replaces the settings; the sessions under way are forgotten. */
    public AdHocCommands configure(AdHocCommandsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.sessions = new BoundedCache<>(config.maxSessions());
        return this;
    }

    public AdHocCommandsConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        Iq.SCHEMA.registerExtension(Command.SCHEMA);
        ServiceDiscovery disco = require(ServiceDiscovery.class);
        disco.addFeature(NAMESPACE);
        disco.addInfoNode(this::nodeInfo);
        disco.addItemsNode(this::commandItems);
        context.registerIqHandler(NAME + ":command", IqRoute.set(NAMESPACE, "command"), this::answer);
    }

    @Override
    protected void stop() {
        sessions = new BoundedCache<>(config.maxSessions());
    }

    // ---------------------------------------------------------------- offering commands

    /** Offers a command to anyone; replaces a command of the same node. */
    public AdHocCommands addCommand(String node, String name, CommandHandler handler) {
        return addCommand(new OfferedCommand(node, name, handler, OfferedCommand.ANYONE));
    }

    /** Offers a command whose steps are answered later; replaces a command of the same node. */
    public AdHocCommands addAsyncCommand(String node, String name, Predicate<Jid> access,
            AsyncCommandHandler handler) {
        return addCommand(new OfferedCommand(node, name, handler, access));
    }

    /** Offers a command to the requesters {@code access} accepts; replaces a command of the same node. */
    public AdHocCommands addCommand(String node, String name, Predicate<Jid> access, CommandHandler handler) {
        return addCommand(new OfferedCommand(node, name, handler, access));
    }

    public AdHocCommands addCommand(OfferedCommand command) {
        synchronized (commands) {
            commands.put(command.node(), command);
        }
        return this;
    }

    /** Stops offering a command; its sessions under way end at their next step (item-not-found). */
    public boolean removeCommand(String node) {
        synchronized (commands) {
            return commands.remove(node) != null;
        }
    }

    /** The commands offered, in the order added. */
    public List<OfferedCommand> commands() {
        synchronized (commands) {
            return List.copyOf(commands.values());
        }
    }

    private @Nullable OfferedCommand command(@Nullable String node) {
        synchronized (commands) {
            return node == null ? null : commands.get(node);
        }
    }

    /** §2.3: a command node is an automation/command-node; the commands node itself a command-list. */
    private @Nullable DiscoInfo nodeInfo(String node) {
        if (node.equals(NAMESPACE)) {
            return new DiscoInfo(node, List.of(new Identity("automation", "command-list", null)), List.of(),
                    List.of());
        }
        OfferedCommand command = command(node);
        if (command == null) {
            return null;
        }
        return new DiscoInfo(node, List.of(new Identity("automation", "command-node", command.name())),
                List.of(NAMESPACE, DataForm.NAMESPACE), List.of());
    }

    /** §2.2: the commands this requester may run, each an item of our JID. */
    private @Nullable List<Item> commandItems(String node, @Nullable Jid requester) {
        if (!node.equals(NAMESPACE)) {
            return null;
        }
        Jid self = context().boundJid();
        Jid asker = requester(requester);
        List<Item> items = new ArrayList<>();
        if (self != null) {
            for (OfferedCommand command : commands()) {
                if (asker != null && command.access().test(asker)) {
                    items.add(new Item(self, command.node(), command.name()));
                }
            }
        }
        return items;
    }

    /** RFC 6120 §8.1.2.1: a request without {@code from} comes from our own account. */
    private @Nullable Jid requester(@Nullable Jid from) {
        if (from != null) {
            return from;
        }
        Jid self = context().boundJid();
        return self == null ? null : self.bare();
    }

    private CompletionStage<Iq> answer(Iq request) throws Exception {
        CompletionStage<Command> response;
        try {
            response = respond(request);
        } catch (CommandException e) {
            return CompletableFuture.completedFuture(error(request, e));
        }
        return response.handle((command, failure) -> {
            if (failure == null) {
                return request.reply().setPayload(command.xml());
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof CommandException e) {
                return error(request, e);
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }

    /** The error of §4.6: the stanza error condition with XEP-0050's own next to it. */
    private static Iq error(Iq request, CommandException e) {
        Iq error = request.error(e.condition(), e.text());
        Objects.requireNonNull(error.getError()).xml().addElement(e.reason().elementName(), NAMESPACE);
        return error;
    }

    private CompletionStage<Command> respond(Iq request) throws Exception {
        Command command = Objects.requireNonNull(request.extension(Command.SCHEMA));
        Jid from = requester(request.getFrom());
        OfferedCommand offered = command(command.getNode());
        if (offered == null || from == null) {
            throw new StanzaErrorException(StanzaError.Condition.ITEM_NOT_FOUND, null);
        }
        if (!offered.access().test(from)) {
            throw new StanzaErrorException(StanzaError.Condition.FORBIDDEN, null);
        }
        String actionValue = command.getActionValue();
        CommandAction action = actionValue == null ? CommandAction.EXECUTE : CommandAction.fromValue(actionValue);
        if (action == null) {
            throw new CommandException(CommandException.Reason.MALFORMED_ACTION, null);
        }
        String sessionId = command.getSessionId();
        Instant now = Instant.now();
        if (sessionId == null) {
            if (action != CommandAction.EXECUTE) {
                throw new CommandException(CommandException.Reason.BAD_ACTION, "No session to " + action.value());
            }
            CommandSession session = new CommandSession(offered.node() + ":" + UUID.randomUUID(), offered.node(),
                    from, now);
            return run(offered, new CommandRequest(from, offered.node(), action, copy(command.getForm()), session));
        }
        CommandSession session = session(sessionId, offered, from, now);
        // Each step answers the state the one before left (the actions offered, the form asked for), so the
        // steps of one session run one at a time, in the order they arrive; XEP-0050 says nothing of
        // overlapping requests. A step that had to wait goes back to the event thread, where handlers run.
        return session.afterPreviousStep(stepResumer(session),
                () -> nextStep(offered, session, action, command.getForm()));
    }

    /** One more step of a session under way, once the steps before it are answered. */
    private CompletionStage<Command> nextStep(OfferedCommand offered, CommandSession session, CommandAction action,
            @Nullable DataForm form) throws Exception {
        String sessionId = session.id();
        if (sessions.get(sessionId) != session) {
            // The step this one waited for completed, canceled or failed the command.
            throw new CommandException(CommandException.Reason.BAD_SESSIONID, "The command has ended");
        }
        Instant now = Instant.now();
        if (action == CommandAction.CANCEL) {
            // §4.3: the session ends; the handler keeps nothing of it.
            sessions.remove(sessionId);
            return CompletableFuture.completedFuture(
                    Command.response(offered.node(), sessionId, CommandResponse.canceled()));
        }
        CommandResponse last = Objects.requireNonNull(session.lastResponse());
        if (!last.allows(action)) {
            throw new CommandException(CommandException.Reason.BAD_ACTION, action.value() + " is not offered");
        }
        CommandAction step = action == CommandAction.EXECUTE ? last.effectiveDefault() : action;
        if (step == CommandAction.PREV) {
            // §4.2: back to the previous stage, whose response the session kept.
            CommandResponse previous = session.back(now);
            if (previous == null) {
                throw new CommandException(CommandException.Reason.BAD_ACTION, "This is the first stage");
            }
            return CompletableFuture.completedFuture(Command.response(offered.node(), sessionId, previous));
        }
        DataForm submitted = checkedSubmission(last, form);
        return run(offered, new CommandRequest(session.requester(), offered.node(), step, submitted, session));
    }

    /** Runs a waiting step on the event thread. */
    private Executor stepResumer(CommandSession session) {
        String name = NAME + ":next-step:" + session.id();
        PluginContext context = context();
        return task -> context.schedule(name, Duration.ZERO, () -> {
            context.cancelSchedule(name); // forgets the name: it was a one-off
            task.run();
        }, false);
    }

    /** The session of this id, if it is this requester's run of this command (§4.6 otherwise). */
    private CommandSession session(String sessionId, OfferedCommand offered, Jid from, Instant now) {
        CommandSession session = sessions.get(sessionId);
        if (session == null || !session.node().equals(offered.node()) || !session.requester().equals(from)) {
            throw new CommandException(CommandException.Reason.BAD_SESSIONID, null);
        }
        if (session.isExpired(now, config.sessionTimeout())) {
            sessions.remove(sessionId);
            throw new CommandException(CommandException.Reason.SESSION_EXPIRED, null);
        }
        return session;
    }

    /** §4.6 bad-payload: a form was asked for and what came back does not fill it in. */
    private static @Nullable DataForm checkedSubmission(CommandResponse last, @Nullable DataForm submitted) {
        DataForm asked = last.form();
        if (asked == null) {
            return copy(submitted);
        }
        if (submitted == null) {
            throw new CommandException(CommandException.Reason.BAD_PAYLOAD, "The form is missing");
        }
        try {
            asked.validate(submitted);
        } catch (FormValidationException e) {
            throw new CommandException(CommandException.Reason.BAD_PAYLOAD, e.text());
        }
        return copy(submitted);
    }

    private static @Nullable DataForm copy(@Nullable DataForm form) {
        return form == null ? null : DataForm.SCHEMA.wrap(form.xml().copy());
    }

    private CompletionStage<Command> run(OfferedCommand offered, CommandRequest request) throws Exception {
        CommandSession session = request.session();
        session.answering(request.isStart());
        CompletionStage<@Nullable CommandResponse> answered;
        try {
            answered = offered.handler().handle(request);
        } catch (Exception | Error e) {
            sessions.remove(session.id());
            throw e;
        }
        return answered.handle((response, failure) -> {
            if (failure != null) {
                sessions.remove(session.id());
                throw failure instanceof CompletionException e ? e : new CompletionException(failure);
            }
            CommandResponse sent = response == null ? CommandResponse.completed() : response;
            session.responded(sent, Instant.now());
            if (sent.isExecuting()) {
                sessions.put(session.id(), session);
            } else {
                sessions.remove(session.id());
            }
            return Command.response(offered.node(), session.id(), sent);
        });
    }

    // ---------------------------------------------------------------- using other entities' commands

    /** The commands an entity offers to us (§2.2), as disco items: JID, node and name. */
    public CompletableFuture<List<Item>> listCommands(Jid to) {
        return require(ServiceDiscovery.class).getItems(to, NAMESPACE);
    }

    /**
     * Runs a command of another entity (§4.1). Completes with the command after its first response (which may
     * already be completed), or fails with the entity's error as a {@link StanzaErrorException}.
     */
    public CompletableFuture<RemoteCommand> execute(Jid to, String node) {
        return execute(to, node, null);
    }

    /** Runs a command with a form submitted at once (§4.1 allows a payload with the execute action). */
    public CompletableFuture<RemoteCommand> execute(Jid to, String node, @Nullable DataForm form) {
        RemoteCommand command = new RemoteCommand(context(), to, node);
        return command.send(CommandAction.EXECUTE, form);
    }
}
