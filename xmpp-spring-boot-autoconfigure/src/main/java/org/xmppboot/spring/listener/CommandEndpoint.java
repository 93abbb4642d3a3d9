package org.xmppboot.spring.listener;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.plugins.xep0050.AdHocCommands;
import org.xmppboot.plugins.xep0050.OfferedCommand;
import org.xmppboot.spring.annotation.XmppCommand;

/**
 * An {@link XmppCommand} method, offered as an ad-hoc command by the connection's {@link AdHocCommands} plugin
 * (loaded by name if the connection does not have it yet). Stopping the endpoint withdraws the command: it is
 * no longer listed, and running it is answered {@code item-not-found}; starting offers it again. Its calls are
 * observed and its failures go to the error handler as those of any annotated handler ({@link CommandMethod}).
 */
final class CommandEndpoint extends AbstractXmppHandlerEndpoint {

    private final BaseXMPP xmpp;
    private final OfferedCommand command;
    private final String method;

    private CommandEndpoint(String id, BaseXMPP xmpp, OfferedCommand command, String method) {
        super(id, "command " + command.node());
        this.xmpp = xmpp;
        this.command = command;
        this.method = method;
    }

    /**
     * @throws IllegalStateException naming the method, when it can never run as a command
     */
    static CommandEndpoint create(String id, Object bean, Method method, XmppCommand annotation, BaseXMPP xmpp,
            Environment environment, @Nullable XmppHandlerErrorHandler errorHandler,
            @Nullable HandlerObservation observation) {
        String node = annotation.node().strip();
        if (node.isEmpty()) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": @XmppCommand needs a node");
        }
        String name = StringUtils.hasText(annotation.name()) ? annotation.name() : node;
        OfferedCommand command = new OfferedCommand(node, name, CommandMethod.create(id, bean, method, xmpp, errorHandler,
                observation),
                CommandAccess.create(annotation.condition(), node, method, environment, xmpp));
        return new CommandEndpoint(id, xmpp, command, HandlerMethod.describe(method));
    }

    @Override
    void register() {
        AdHocCommands commands = xmpp.plugin(AdHocCommands.class);
        if (commands == null) {
            xmpp.registerPlugin(AdHocCommands.NAME);
            commands = xmpp.plugin(AdHocCommands.class);
        }
        if (commands == null) {
            throw new IllegalStateException(method + ": the " + AdHocCommands.NAME + " plugin cannot be loaded");
        }
        for (OfferedCommand offered : commands.commands()) {
            if (offered.node().equals(command.node())) {
                String other = offered.handler() instanceof CommandMethod m ? m.toString() : "a plugin";
                throw new IllegalStateException(method + " offers the command '" + command.node() + "', which "
                        + other + " offers already; a node has one command");
            }
        }
        commands.addCommand(command);
    }

    @Override
    void unregister() {
        AdHocCommands commands = xmpp.plugin(AdHocCommands.class);
        if (commands != null) {
            commands.removeCommand(command.node());
        }
    }
}
