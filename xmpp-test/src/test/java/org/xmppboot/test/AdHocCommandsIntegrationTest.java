package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.LocalCommand;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.TextSingleFormField;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.FieldType;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Item;
import org.xmppboot.plugins.xep0050.AdHocCommands;
import org.xmppboot.plugins.xep0050.CommandAction;
import org.xmppboot.plugins.xep0050.CommandException;
import org.xmppboot.plugins.xep0050.CommandNote;
import org.xmppboot.plugins.xep0050.CommandResponse;
import org.xmppboot.plugins.xep0050.CommandStatus;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * XEP-0050 through Prosody: a bot offers commands, a second client of ours and a Smack client list them and
 * run them, one step and several.
 */
@XmppServerTest
class AdHocCommandsIntegrationTest {

    private static final String PASSWORD = "adhoc-pw";

    /** The bot's commands: a status, a greeting asked in two forms, and one only its own account may run. */
    static AdHocCommands botCommands(Jid botJid) {
        return new AdHocCommands()
                .addCommand("status", "Status", request -> CommandResponse.completed("All good"))
                .addCommand("greet", "Greet", request -> {
                    if (request.isStart()) {
                        DataForm ask = DataForm.create(DataForm.Type.FORM).setTitle("Who are you?");
                        ask.addField("name", FieldType.TEXT_SINGLE).setLabel("Name").setRequired(true);
                        return CommandResponse.ask(ask, CommandAction.NEXT);
                    }
                    if (request.action() == CommandAction.NEXT) {
                        request.session().put("name", request.form().field("name").getValue());
                        DataForm ask = DataForm.create(DataForm.Type.FORM).setTitle("How?");
                        ask.addField("style", FieldType.LIST_SINGLE).setLabel("Style").setRequired(true)
                                .addOption("warm", null).addOption("cold", null);
                        return CommandResponse.ask(ask, CommandAction.COMPLETE, CommandAction.PREV);
                    }
                    return CommandResponse.completed("Hello, " + request.session().get("name") + " ("
                            + request.form().field("style").getValue() + ")");
                })
                .addCommand("shutdown", "Shut down", jid -> jid.bare().equals(botJid.bare()),
                        request -> CommandResponse.completed("Bye"));
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(15, TimeUnit.SECONDS);
    }

    @Test
    void ourClientListsAndRunsTheBotsCommands(LocalServer server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid userJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = new ClientXMPP(Clients.config(server, botJid, PASSWORD).build());
        bot.registerPlugin(botCommands(botJid));
        ClientXMPP user = new ClientXMPP(Clients.config(server, userJid, PASSWORD).build());
        AdHocCommands commands = new AdHocCommands();
        user.registerPlugin(commands);
        bot.connect().get(15, TimeUnit.SECONDS);
        user.connect().get(15, TimeUnit.SECONDS);
        try {
            Jid target = bot.boundJid();
            List<Item> listed = await(commands.listCommands(target));
            assertThat(listed).extracting(Item::node).containsExactly("status", "greet");
            assertThat(listed).extracting(Item::jid).containsOnly(target);

            var status = await(commands.execute(target, "status"));
            assertThat(status.response().status()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(status.response().notes()).containsExactly(CommandNote.info("All good"));

            var greet = await(commands.execute(target, "greet"));
            assertThat(greet.isExecuting()).isTrue();
            await(greet.next(greet.form().submit(Map.of("name", "Juliet"))));
            assertThat(greet.response().actions()).containsExactly(CommandAction.COMPLETE, CommandAction.PREV);
            await(greet.prev());
            assertThat(greet.form().field("name")).isNotNull();
            await(greet.next(greet.form().submit(Map.of("name", "Juliet"))));
            await(greet.complete(greet.form().submit(Map.of("style", "warm"))));
            assertThat(greet.response().notes()).containsExactly(CommandNote.info("Hello, Juliet (warm)"));

            var canceled = await(commands.execute(target, "greet"));
            await(canceled.cancel());
            assertThat(canceled.response().status()).isEqualTo(CommandStatus.CANCELED);
            assertThatThrownBy(() -> await(canceled.next(DataForm.create(DataForm.Type.SUBMIT))))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(RemoteCommandReason.of(e))
                            .isEqualTo(CommandException.Reason.BAD_SESSIONID));

            assertThatThrownBy(() -> await(commands.execute(target, "shutdown")))
                    .hasCauseInstanceOf(StanzaErrorException.class)
                    .satisfies(e -> assertThat(((StanzaErrorException) e.getCause()).condition())
                            .isEqualTo(StanzaError.Condition.FORBIDDEN));
        } finally {
            Clients.close(user);
            Clients.close(bot);
        }
    }

    @Test
    void smackListsAndRunsTheBotsCommands(LocalServer server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid smackJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = new ClientXMPP(Clients.config(server, botJid, PASSWORD).build());
        bot.registerPlugin(botCommands(botJid));
        bot.connect().get(15, TimeUnit.SECONDS);
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackJid, PASSWORD);
        try {
            AdHocCommandManager manager = AdHocCommandManager.getAddHocCommandsManager(smack);
            org.jxmpp.jid.Jid target = JidCreate.from(bot.boundJid().toString());
            DiscoverItems items = manager.discoverCommands(target);
            assertThat(items.getItems()).extracting(DiscoverItems.Item::getNode).containsExactly("status", "greet");

            RemoteCommand status = manager.getRemoteCommand(target, "status");
            status.execute();
            assertThat(status.getStatus()).isEqualTo(AdHocCommand.Status.completed);
            assertThat(status.getNotes()).extracting(n -> n.getValue()).containsExactly("All good");

            RemoteCommand greet = manager.getRemoteCommand(target, "greet");
            greet.execute();
            assertThat(greet.getStatus()).isEqualTo(AdHocCommand.Status.executing);
            FillableForm name = new FillableForm(greet.getForm());
            name.setAnswer("name", "Romeo");
            greet.next(name);
            FillableForm style = new FillableForm(greet.getForm());
            style.setAnswer("style", "cold");
            greet.complete(style);
            assertThat(greet.isCompleted()).isTrue();
            assertThat(greet.getNotes()).extracting(n -> n.getValue()).containsExactly("Hello, Romeo (cold)");

            RemoteCommand shutdown = manager.getRemoteCommand(target, "shutdown");
            assertThatThrownBy(shutdown::execute).isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                    e -> assertThat(e.getStanzaError().getCondition())
                            .isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.forbidden));
        } finally {
            smack.disconnect();
            Clients.close(bot);
        }
    }

    /**
     * A command of Smack's, done in one step: a note and a result form. (Smack 4.4's responder cannot take a
     * submitted form: it wraps it as a form to fill in, which refuses a submission, and never answers.)
     */
    public static final class SmackClock extends LocalCommand {

        @Override
        public void execute() {
            var result = org.jivesoftware.smackx.xdata.packet.DataForm.builder(
                    org.jivesoftware.smackx.xdata.packet.DataForm.Type.result).setTitle("Clock");
            result.addField(TextSingleFormField.builder("time").setValue("12:00").build());
            setForm(result.build());
            addNote(new AdHocCommandNote(AdHocCommandNote.Type.info, "It is noon"));
        }

        @Override
        public void next(FillableForm response) {
        }

        @Override
        public void complete(FillableForm response) {
        }

        @Override
        public void prev() {
        }

        @Override
        public void cancel() {
        }

        @Override
        public boolean isLastStage() {
            return true;
        }

        @Override
        public boolean hasPermission(org.jxmpp.jid.Jid jid) {
            return true;
        }
    }

    @Test
    void ourClientListsAndRunsSmacksCommand(LocalServer server) throws Exception {
        Jid userJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid smackJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackJid, PASSWORD);
        AdHocCommandManager.getAddHocCommandsManager(smack).registerCommand("clock", "Clock", SmackClock.class);
        ClientXMPP user = new ClientXMPP(Clients.config(server, userJid, PASSWORD).build());
        AdHocCommands commands = new AdHocCommands();
        user.registerPlugin(commands);
        user.connect().get(15, TimeUnit.SECONDS);
        try {
            Jid target = Jid.of(smack.getUser().toString());
            assertThat(await(commands.listCommands(target))).extracting(Item::node, Item::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("clock", "Clock"));
            var clock = await(commands.execute(target, "clock"));
            assertThat(clock.response().status()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(clock.sessionId()).isNotNull();
            assertThat(clock.response().notes()).containsExactly(CommandNote.info("It is noon"));
            assertThat(clock.form().field("time").getValue()).isEqualTo("12:00");
        } finally {
            Clients.close(user);
            smack.disconnect();
        }
    }

    /** Reads the XEP-0050 condition of a failed step. */
    private static final class RemoteCommandReason {
        static CommandException.Reason of(Throwable failure) {
            return org.xmppboot.plugins.xep0050.RemoteCommand.reasonOf(failure);
        }
    }
}
