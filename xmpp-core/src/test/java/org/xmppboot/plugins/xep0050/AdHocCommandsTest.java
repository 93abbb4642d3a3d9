package org.xmppboot.plugins.xep0050;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.FieldType;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** Offering commands, with the examples of XEP-0050 §2 and §4 over a scripted peer. */
class AdHocCommandsTest {

    static final Jid RESPONDER = Jid.of("responder@domain/bot");
    static final String NS = AdHocCommands.NAMESPACE;

    static StreamHarness harness() {
        return new StreamHarness(new BaseXMPP("jabber:client", StreamConfig.defaults().withName("adhoc")) {
            {
                boundJid = RESPONDER;
            }
        });
    }

    /** The command of Examples 7 to 12: pick a service, then its run levels, then done. */
    static CommandResponse configure(CommandRequest request) {
        if (request.isStart()) {
            DataForm form = DataForm.create(DataForm.Type.FORM).setTitle("Configure Service")
                    .addInstructions("Please select the service to configure.");
            form.addField("service", FieldType.LIST_SINGLE).setLabel("Service").setRequired(true)
                    .addOption("httpd", null).addOption("jabberd", null).addOption("postgresql", null);
            return CommandResponse.ask(form, CommandAction.NEXT);
        }
        if (request.action() == CommandAction.NEXT) {
            assertThat(request.session().stage()).isEqualTo(1);
            request.session().put("service", request.form().field("service").getValue());
            DataForm form = DataForm.create(DataForm.Type.FORM).setTitle("Configure Service")
                    .addInstructions("Please select the run modes and state for 'httpd'.");
            form.addField("runlevel", FieldType.LIST_MULTI).setLabel("Run Modes")
                    .addOption("1", "Single-User mode").addOption("2", "Non-Networked Multi-User mode")
                    .addOption("3", "Full Multi-User mode").addOption("5", "X-Window mode");
            form.addField("state", FieldType.LIST_SINGLE).setLabel("Run State").setRequired(true)
                    .addOption("off", "Active").addOption("on", "Inactive");
            return CommandResponse.ask(form, CommandAction.COMPLETE, CommandAction.PREV);
        }
        assertThat(request.action()).isEqualTo(CommandAction.COMPLETE);
        assertThat(request.session().stage()).isEqualTo(2);
        return CommandResponse.completed()
                .withNote(CommandNote.info("Service '" + request.session().get("service") + "' has been configured."));
    }

    static AdHocCommands plugin() {
        return new AdHocCommands().addCommand("config", "Configure Service", AdHocCommandsTest::configure)
                .addCommand("list", "List Service Configurations", request -> {
                    DataForm result = DataForm.create(DataForm.Type.RESULT).setTitle("Available Services");
                    result.addReportedField("service", null, "Service");
                    result.addItem(java.util.Map.of("service", "httpd"));
                    return CommandResponse.completed(result);
                })
                .addCommand("stop", "Stop Service", jid -> jid.bare().equals(Jid.of("admin@domain")),
                        request -> CommandResponse.completed("Stopped."));
    }

    static Iq response(StreamHarness h, String id) throws InterruptedException {
        Iq response = new Iq(h.nextSent());
        assertThat(response.getId()).isEqualTo(id);
        return response;
    }

    static Command command(Iq response) {
        assertThat(response.getIqType()).as(response.toString()).isEqualTo(Iq.Type.RESULT);
        return response.extension(Command.SCHEMA);
    }

    static void exec(StreamHarness h, String id, String attributes, String body) {
        h.receive("<iq type='set' from='requester@domain/r' to='responder@domain/bot' id='" + id + "'>"
                + "<command xmlns='" + NS + "' " + attributes + ">" + body + "</command></iq>");
    }

    static String sessionAttribute(Command command) {
        return "sessionid='" + command.getSessionId() + "'";
    }

    static final String SUBMIT_SERVICE = "<x xmlns='jabber:x:data' type='submit'>"
            + "<field var='service'><value>httpd</value></field></x>";
    static final String SUBMIT_RUNLEVEL = "<x xmlns='jabber:x:data' type='submit'>"
            + "<field var='mode'><value>3</value></field><field var='state'><value>on</value></field></x>";

    @Test
    void discoveringCommandsListsThoseTheRequesterMayRun() throws Exception {
        try (StreamHarness h = harness()) {
            h.xmpp.registerPlugin(plugin());
            h.start();
            // Example 1
            h.receive("<iq type='get' from='requester@domain/r' to='responder@domain/bot' id='list1'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#items' node='" + NS + "'/></iq>");
            XmlElement items = response(h, "list1").getPayload();
            assertThat(items.attribute("node")).isEqualTo(NS);
            assertThat(items.elements("item", ServiceDiscovery.ITEMS))
                    .extracting(i -> i.attribute("jid") + " " + i.attribute("node") + " " + i.attribute("name"))
                    .containsExactly("responder@domain/bot config Configure Service",
                            "responder@domain/bot list List Service Configurations");

            h.receive("<iq type='get' from='admin@domain/r' id='list2'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#items' node='" + NS + "'/></iq>");
            assertThat(response(h, "list2").getPayload().elements("item", ServiceDiscovery.ITEMS))
                    .extracting(i -> i.attribute("node")).containsExactly("config", "list", "stop");
        }
    }

    @Test
    void aCommandNodeSaysItIsACommandAndTheEntityAnnouncesTheFeature() throws Exception {
        try (StreamHarness h = harness()) {
            h.xmpp.registerPlugin(plugin());
            h.start();
            // Example 3
            h.receive("<iq type='get' from='requester@domain/r' to='responder@domain/bot' id='info1'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info' node='config'/></iq>");
            XmlElement info = response(h, "info1").getPayload();
            assertThat(info.attribute("node")).isEqualTo("config");
            XmlElement identity = info.element("identity", ServiceDiscovery.INFO);
            assertThat(identity.attribute("category")).isEqualTo("automation");
            assertThat(identity.attribute("type")).isEqualTo("command-node");
            assertThat(identity.attribute("name")).isEqualTo("Configure Service");
            assertThat(info.elements("feature", ServiceDiscovery.INFO)).extracting(f -> f.attribute("var"))
                    .containsExactly(NS, "jabber:x:data");

            h.receive("<iq type='get' from='requester@domain/r' id='info2'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(response(h, "info2").getPayload().elements("feature", ServiceDiscovery.INFO))
                    .extracting(f -> f.attribute("var")).contains(NS);

            h.receive("<iq type='get' from='requester@domain/r' id='info3'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info' node='nope'/></iq>");
            assertThat(response(h, "info3").getError().getCondition())
                    .isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
        }
    }

    @Test
    void aOneStepCommandCompletesAtOnceWithItsResult() throws Exception {
        try (StreamHarness h = harness()) {
            h.xmpp.registerPlugin(plugin());
            h.start();
            // Example 5
            exec(h, "exec1", "node='list' action='execute'", "");
            Command done = command(response(h, "exec1"));
            assertThat(done.getNode()).isEqualTo("list");
            assertThat(done.getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(done.getSessionId()).startsWith("list:");
            assertThat(done.xml().element("actions", NS)).isNull();
            DataForm result = done.getForm();
            assertThat(result.getTitle()).isEqualTo("Available Services");
            assertThat(result.items()).hasSize(1);

            // The session ended with the response.
            exec(h, "exec2", "node='list' action='complete' " + sessionAttribute(done), "");
            assertCommandError(response(h, "exec2"), StanzaError.Condition.BAD_REQUEST, "bad-sessionid");
        }
    }

    @Test
    void aMultiStepCommandGoesNextPrevAndComplete() throws Exception {
        try (StreamHarness h = harness()) {
            h.xmpp.registerPlugin(plugin());
            h.start();
            // Example 7: no action attribute means execute.
            exec(h, "config1", "node='config'", "");
            Command first = command(response(h, "config1"));
            assertThat(first.getStatus()).isEqualTo(CommandStatus.EXECUTING);
            XmlElement actions = first.xml().element("actions", NS);
            assertThat(actions.attribute("execute")).isEqualTo("next");
            assertThat(actions.elements()).extracting(XmlElement::name).containsExactly("next");
            assertThat(first.getForm().field("service").options()).hasSize(3);
            String session = sessionAttribute(first);

            // Example 9
            exec(h, "config2", "node='config' action='next' " + session, SUBMIT_SERVICE);
            Command second = command(response(h, "config2"));
            assertThat(second.getSessionId()).isEqualTo(first.getSessionId());
            assertThat(second.getStatus()).isEqualTo(CommandStatus.EXECUTING);
            XmlElement secondActions = second.xml().element("actions", NS);
            assertThat(secondActions.attribute("execute")).isEqualTo("complete");
            assertThat(secondActions.elements()).extracting(XmlElement::name).containsExactly("complete", "prev");
            assertThat(second.getForm().field("state")).isNotNull();

            // §4.2: back to the first stage (answered without the handler), then forward again.
            exec(h, "config3", "node='config' action='prev' " + session, "");
            Command back = command(response(h, "config3"));
            assertThat(back.getForm().field("service")).isNotNull();
            assertThat(back.xml().element("actions", NS).elements()).extracting(XmlElement::name)
                    .containsExactly("next");
            exec(h, "config3b", "node='config' action='prev' " + session, "");
            assertCommandError(response(h, "config3b"), StanzaError.Condition.BAD_REQUEST, "bad-action");
            exec(h, "config4", "node='config' action='next' " + session, SUBMIT_SERVICE);
            assertThat(command(response(h, "config4")).getForm().field("state")).isNotNull();

            // Example 11: execute stands for the default action, complete.
            exec(h, "config5", "node='config' action='execute' " + session, SUBMIT_RUNLEVEL);
            Command done = command(response(h, "config5"));
            assertThat(done.getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(done.getNotes()).containsExactly(CommandNote.info("Service 'httpd' has been configured."));
            assertThat(done.xml().element("actions", NS)).isNull();
        }
    }

    @Test
    void cancelEndsTheSession() throws Exception {
        try (StreamHarness h = harness()) {
            h.xmpp.registerPlugin(plugin());
            h.start();
            exec(h, "config1", "node='config' action='execute'", "");
            String session = sessionAttribute(command(response(h, "config1")));
            // Example 13
            exec(h, "config2", "node='config' action='cancel' " + session, "");
            Command canceled = command(response(h, "config2"));
            assertThat(canceled.getStatus()).isEqualTo(CommandStatus.CANCELED);
            assertThat(canceled.getNode()).isEqualTo("config");

            exec(h, "config3", "node='config' action='next' " + session, SUBMIT_SERVICE);
            assertCommandError(response(h, "config3"), StanzaError.Condition.BAD_REQUEST, "bad-sessionid");
        }
    }

    @Test
    void theErrorsOfSection4_6() throws Exception {
        try (StreamHarness h = harness()) {
            h.xmpp.registerPlugin(plugin());
            h.start();
            exec(h, "e1", "node='config' sessionid='config:made-up' action='next'", SUBMIT_SERVICE);
            assertCommandError(response(h, "e1"), StanzaError.Condition.BAD_REQUEST, "bad-sessionid");

            exec(h, "e2", "node='config' action='dance'", "");
            assertCommandError(response(h, "e2"), StanzaError.Condition.BAD_REQUEST, "malformed-action");

            exec(h, "e3", "node='config'", "");
            String session = sessionAttribute(command(response(h, "e3")));
            exec(h, "e4", "node='config' action='complete' " + session, SUBMIT_SERVICE);
            assertCommandError(response(h, "e4"), StanzaError.Condition.BAD_REQUEST, "bad-action");

            exec(h, "e5", "node='config' action='next' " + session, "");
            assertCommandError(response(h, "e5"), StanzaError.Condition.BAD_REQUEST, "bad-payload");
            exec(h, "e6", "node='config' action='next' " + session, "<x xmlns='jabber:x:data' type='submit'>"
                    + "<field var='service'><value>sendmail</value></field></x>");
            assertCommandError(response(h, "e6"), StanzaError.Condition.BAD_REQUEST, "bad-payload");

            // Someone else may not go on with the requester's session.
            h.receive("<iq type='set' from='intruder@domain/r' id='e7'><command xmlns='" + NS
                    + "' node='config' action='next' " + session + ">" + SUBMIT_SERVICE + "</command></iq>");
            assertCommandError(response(h, "e7"), StanzaError.Condition.BAD_REQUEST, "bad-sessionid");

            // The session survived the refused steps.
            exec(h, "e8", "node='config' action='next' " + session, SUBMIT_SERVICE);
            assertThat(command(response(h, "e8")).getStatus()).isEqualTo(CommandStatus.EXECUTING);

            exec(h, "e9", "node='stop'", "");
            Iq forbidden = response(h, "e9");
            assertThat(forbidden.getError().getCondition()).isEqualTo(StanzaError.Condition.FORBIDDEN);

            exec(h, "e10", "node='nope'", "");
            assertThat(response(h, "e10").getError().getCondition()).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);

            exec(h, "e11", "action='execute'", "");
            assertThat(response(h, "e11").getError().getCondition()).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
        }
    }

    @Test
    void anIdleSessionExpires() throws Exception {
        try (StreamHarness h = harness()) {
            h.xmpp.registerPlugin(plugin().configure(new AdHocCommandsConfig(Duration.ofMillis(50), 10)));
            h.start();
            exec(h, "s1", "node='config'", "");
            String session = sessionAttribute(command(response(h, "s1")));
            Thread.sleep(150);
            exec(h, "s2", "node='config' action='next' " + session, SUBMIT_SERVICE);
            assertCommandError(response(h, "s2"), StanzaError.Condition.NOT_ALLOWED, "session-expired");
            exec(h, "s3", "node='config' action='next' " + session, SUBMIT_SERVICE);
            assertCommandError(response(h, "s3"), StanzaError.Condition.BAD_REQUEST, "bad-sessionid");
        }
    }

    @Test
    void sessionsAreBounded() throws Exception {
        try (StreamHarness h = harness()) {
            h.xmpp.registerPlugin(plugin().configure(new AdHocCommandsConfig(Duration.ofMinutes(5), 2)));
            h.start();
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                exec(h, "b" + i, "node='config'", "");
                sessions.add(sessionAttribute(command(response(h, "b" + i))));
            }
            exec(h, "old", "node='config' action='next' " + sessions.get(0), SUBMIT_SERVICE);
            assertCommandError(response(h, "old"), StanzaError.Condition.BAD_REQUEST, "bad-sessionid");
            exec(h, "new", "node='config' action='next' " + sessions.get(2), SUBMIT_SERVICE);
            assertThat(command(response(h, "new")).getStatus()).isEqualTo(CommandStatus.EXECUTING);
        }
    }

    @Test
    void aFailingHandlerIsAnsweredAndEndsItsSession() throws Exception {
        try (StreamHarness h = harness()) {
            int[] calls = {0};
            h.xmpp.registerPlugin(new AdHocCommands().addCommand("flaky", "Flaky", request -> {
                if (calls[0]++ == 0) {
                    return CommandResponse.ask(DataForm.create(DataForm.Type.FORM));
                }
                throw new IllegalStateException("bug");
            }));
            h.start();
            exec(h, "f1", "node='flaky'", "");
            String session = sessionAttribute(command(response(h, "f1")));
            exec(h, "f2", "node='flaky' action='complete' " + session, "<x xmlns='jabber:x:data' type='submit'/>");
            assertThat(response(h, "f2").getError().getCondition())
                    .isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
            exec(h, "f3", "node='flaky' action='complete' " + session, "<x xmlns='jabber:x:data' type='submit'/>");
            assertCommandError(response(h, "f3"), StanzaError.Condition.BAD_REQUEST, "bad-sessionid");
        }
    }

    @Test
    void anAsyncCommandAnswersWhenItsStageCompletes() throws Exception {
        try (StreamHarness h = harness()) {
            java.util.concurrent.CompletableFuture<CommandResponse> later = new java.util.concurrent.CompletableFuture<>();
            h.xmpp.registerPlugin(new AdHocCommands()
                    .addAsyncCommand("slow", "Slow", OfferedCommand.ANYONE, request -> later)
                    .addAsyncCommand("broken", "Broken", OfferedCommand.ANYONE, request ->
                            java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("bug")))
                    .addAsyncCommand("refusing", "Refusing", OfferedCommand.ANYONE, request ->
                            java.util.concurrent.CompletableFuture.failedFuture(
                                    new CommandException(CommandException.Reason.BAD_LOCALE, null))));
            h.start();
            exec(h, "a1", "node='slow'", "");
            assertThat(h.peer.nextSent(Duration.ofMillis(200))).as("nothing before the stage completes").isNull();
            later.complete(CommandResponse.completed("Done at last"));
            assertThat(command(response(h, "a1")).getNotes()).containsExactly(CommandNote.info("Done at last"));

            exec(h, "a2", "node='broken'", "");
            assertThat(response(h, "a2").getError().getCondition())
                    .isEqualTo(StanzaError.Condition.INTERNAL_SERVER_ERROR);
            exec(h, "a3", "node='refusing'", "");
            assertCommandError(response(h, "a3"), StanzaError.Condition.BAD_REQUEST, "bad-locale");
        }
    }

    /**
     * An async command whose steps answer when the test says: each call takes the next of {@code answers},
     * and records the thread it ran on.
     */
    static AdHocCommands stepByStep(java.util.Queue<java.util.concurrent.CompletableFuture<CommandResponse>> answers,
            List<String> threads) {
        return new AdHocCommands().addAsyncCommand("steps", "Steps", OfferedCommand.ANYONE, request -> {
            threads.add(Thread.currentThread().getName());
            return answers.remove();
        });
    }

    static java.util.Map<String, Command> responsesById(StreamHarness h, int count) throws InterruptedException {
        java.util.Map<String, Command> byId = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            Iq response = new Iq(h.nextSent());
            byId.put(response.getId(), command(response));
        }
        return byId;
    }

    static CommandResponse askAgain() {
        DataForm form = DataForm.create(DataForm.Type.FORM);
        form.addField("n", FieldType.TEXT_SINGLE);
        return CommandResponse.ask(form, CommandAction.NEXT);
    }

    static final String SUBMIT_N = "<x xmlns='jabber:x:data' type='submit'><field var='n'><value>1</value></field></x>";

    @Test
    void twoStepsOfOneSessionArrivingTogetherRunOneAfterTheOther() throws Exception {
        try (StreamHarness h = harness()) {
            java.util.Queue<java.util.concurrent.CompletableFuture<CommandResponse>> answers =
                    new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.CompletableFuture<CommandResponse> slowStep = new java.util.concurrent.CompletableFuture<>();
            answers.add(java.util.concurrent.CompletableFuture.completedFuture(askAgain()));
            answers.add(slowStep);
            answers.add(java.util.concurrent.CompletableFuture.completedFuture(CommandResponse.completed("done")));
            h.xmpp.registerPlugin(stepByStep(answers, threads));
            h.start();
            exec(h, "s1", "node='steps'", "");
            String session = sessionAttribute(command(response(h, "s1")));

            exec(h, "s2", "node='steps' action='execute' " + session, SUBMIT_N);
            exec(h, "s3", "node='steps' action='execute' " + session, SUBMIT_N);
            assertThat(h.peer.nextSent(Duration.ofMillis(300))).as("nothing answered before the slow step").isNull();
            assertThat(threads).as("the second step waits for the first").hasSize(2);

            slowStep.complete(askAgain());
            // The responses go out as each step is answered, in whatever order; the ids tell them apart.
            java.util.Map<String, Command> byId = responsesById(h, 2);
            assertThat(byId.get("s2").getStatus()).isEqualTo(CommandStatus.EXECUTING);
            Command last = byId.get("s3");
            assertThat(last.getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(last.getNotes()).containsExactly(CommandNote.info("done"));
            assertThat(threads).hasSize(3);
            assertThat(threads.get(2)).as("the waiting step runs on the event thread").isEqualTo(threads.get(0));
        }
    }

    @Test
    void aStepThatWaitedForTheCommandToEndIsRefusedAsBadSessionid() throws Exception {
        try (StreamHarness h = harness()) {
            java.util.Queue<java.util.concurrent.CompletableFuture<CommandResponse>> answers =
                    new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.CompletableFuture<CommandResponse> finalStep = new java.util.concurrent.CompletableFuture<>();
            answers.add(java.util.concurrent.CompletableFuture.completedFuture(askAgain()));
            answers.add(finalStep);
            h.xmpp.registerPlugin(stepByStep(answers, threads));
            h.start();
            exec(h, "e1", "node='steps'", "");
            String session = sessionAttribute(command(response(h, "e1")));

            exec(h, "e2", "node='steps' action='next' " + session, SUBMIT_N);
            exec(h, "e3", "node='steps' action='next' " + session, SUBMIT_N);
            assertThat(h.peer.nextSent(Duration.ofMillis(300))).isNull();
            finalStep.complete(CommandResponse.completed());
            java.util.Map<String, Iq> byId = new java.util.HashMap<>();
            for (int i = 0; i < 2; i++) {
                Iq response = new Iq(h.nextSent());
                byId.put(response.getId(), response);
            }
            assertThat(command(byId.get("e2")).getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertCommandError(byId.get("e3"), StanzaError.Condition.BAD_REQUEST, "bad-sessionid");
            assertThat(threads).as("the handler never saw the late step").hasSize(2);
        }
    }

    static void assertCommandError(Iq response, StanzaError.Condition condition, String specific) {
        assertThat(response.getIqType()).isEqualTo(Iq.Type.ERROR);
        StanzaError error = response.getError();
        assertThat(error.getCondition()).isEqualTo(condition);
        XmlElement applicationCondition = error.getApplicationCondition();
        assertThat(applicationCondition).isNotNull();
        assertThat(applicationCondition.name()).isEqualTo(specific);
        assertThat(applicationCondition.namespace()).isEqualTo(NS);
    }
}
