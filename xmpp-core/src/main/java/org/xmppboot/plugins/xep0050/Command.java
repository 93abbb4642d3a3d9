package org.xmppboot.plugins.xep0050;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <command xmlns='http://jabber.org/protocol/commands' node='..' sessionid='..' action='..' status='..'/>}
 * (XEP-0050 §3.4), the payload of every command request and response, with its {@code <actions/>},
 * {@code <note/>}s and data form. Reached as the {@code command} extension of an {@link Iq}. Interfaces:
 * {@code node}, {@code sessionid}, {@code action}, {@code status} (the attributes' text).
 */
public final class Command extends ElementBase {

    public static final Schema<Command> SCHEMA = Schema.builder("command", AdHocCommands.NAMESPACE, Command::new)
            .attribute("node").attribute("sessionid").attribute("action").attribute("status")
            .build();

    static {
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    public Command(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Command> schema() {
        return SCHEMA;
    }

    /** A request: execute (or act within a session on) a node, with a submitted form or none. */
    public static Command request(String node, @Nullable String sessionId, CommandAction action,
            @Nullable DataForm form) {
        Command command = new Command(new XmlElement("command", AdHocCommands.NAMESPACE));
        command.xml.setAttribute("node", node);
        command.xml.setAttribute("sessionid", sessionId);
        command.xml.setAttribute("action", action.value());
        if (form != null) {
            command.xml.addChild(form.xml().copy());
        }
        return command;
    }

    /** A response of a command node in a session: status, actions, notes, then the form (§3.4's order). */
    public static Command response(String node, String sessionId, CommandResponse response) {
        Command command = new Command(new XmlElement("command", AdHocCommands.NAMESPACE));
        command.xml.setAttribute("node", node);
        command.xml.setAttribute("sessionid", sessionId);
        command.xml.setAttribute("status", response.status().value());
        if (response.isExecuting() && !response.actions().isEmpty()) {
            XmlElement actions = command.xml.addElement("actions");
            CommandAction defaultAction = response.defaultAction();
            actions.setAttribute("execute", defaultAction == null ? null : defaultAction.value());
            for (CommandAction action : response.actions()) {
                actions.addElement(action.value());
            }
        }
        for (CommandNote note : response.notes()) {
            command.xml.addElement("note").setAttribute("type", note.type().value()).setText(note.text());
        }
        DataForm form = response.form();
        if (form != null) {
            command.xml.addChild(form.xml().copy());
        }
        return command;
    }

    public @Nullable String getNode() {
        return xml.attribute("node");
    }

    public @Nullable String getSessionId() {
        return xml.attribute("sessionid");
    }

    /** The raw {@code action} attribute, or null when absent (which means execute, §3.4). */
    public @Nullable String getActionValue() {
        return xml.attribute("action");
    }

    public @Nullable CommandStatus getStatus() {
        return CommandStatus.fromValue(xml.attribute("status"));
    }

    /** The data form carried, or null. */
    public @Nullable DataForm getForm() {
        XmlElement form = xml.element("x", DataForm.NAMESPACE);
        return form == null ? null : DataForm.SCHEMA.wrap(form);
    }

    public List<CommandNote> getNotes() {
        List<CommandNote> notes = new ArrayList<>();
        for (XmlElement note : xml.elements("note", AdHocCommands.NAMESPACE)) {
            notes.add(new CommandNote(CommandNote.Type.fromValue(note.attribute("type")), note.text()));
        }
        return notes;
    }

    /**
     * The response this element says, as well as it can be read: unknown actions are left out, a default
     * action that is not offered is dropped, and a missing status reads as completed. An executing response
     * without {@code <actions/>} offers complete alone (§3.4).
     */
    public CommandResponse toResponse() {
        CommandStatus status = getStatus();
        if (status == null) {
            status = CommandStatus.COMPLETED;
        }
        List<CommandAction> actions = new ArrayList<>();
        CommandAction defaultAction = null;
        XmlElement offered = xml.element("actions", AdHocCommands.NAMESPACE);
        if (offered != null && status == CommandStatus.EXECUTING) {
            for (XmlElement child : offered.elements()) {
                CommandAction action = CommandAction.fromValue(child.name());
                if (action != null && action.isStep() && !actions.contains(action)) {
                    actions.add(action);
                }
            }
            // §3.4: without an execute attribute, the default is next.
            String execute = offered.attribute("execute");
            defaultAction = execute == null ? CommandAction.NEXT : CommandAction.fromValue(execute);
            if (!actions.contains(defaultAction)) {
                defaultAction = null;
            }
        }
        if (status == CommandStatus.EXECUTING && actions.isEmpty()) {
            actions.add(CommandAction.COMPLETE);
            defaultAction = CommandAction.COMPLETE;
        }
        DataForm form = getForm();
        return new CommandResponse(status, form == null ? null : DataForm.SCHEMA.wrap(form.xml().copy()), actions,
                defaultAction, getNotes());
    }
}
