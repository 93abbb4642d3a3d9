package org.xmppboot.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.FieldType;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0050.AdHocCommands;
import org.xmppboot.plugins.xep0050.Command;
import org.xmppboot.plugins.xep0050.CommandAction;
import org.xmppboot.plugins.xep0050.CommandException;
import org.xmppboot.plugins.xep0050.CommandRequest;
import org.xmppboot.plugins.xep0050.CommandResponse;
import org.xmppboot.plugins.xep0050.CommandSession;
import org.xmppboot.plugins.xep0050.CommandStatus;
import org.xmppboot.spring.annotation.XmppCommand;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.spring.autoconfigure.XmppMetricsAutoConfiguration;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.test.StreamTester;
import org.xmppboot.xml.XmlElement;

/**
 * {@code @XmppCommand} methods are ad-hoc commands: listed, run in one step or several, refused to those the
 * condition or the allow-list keeps out, and a method that cannot work fails start-up.
 */
class CommandEndpointTest {

    static final String NS = AdHocCommands.NAMESPACE;
    static final Duration QUIET = Duration.ofMillis(300);

    static class Commands {

        @XmppCommand(node = "status", name = "Status", id = "status")
        String status(Jid from) {
            return "All good, " + from.local();
        }

        @XmppCommand(node = "uptime")
        DataForm uptime() {
            DataForm result = DataForm.create(DataForm.Type.RESULT);
            result.addField("uptime", FieldType.TEXT_SINGLE).setValue("42");
            return result;
        }

        @XmppCommand(node = "admin", name = "Admin", condition = "#from.domain == 'example.com'")
        void admin() {
        }

        @XmppCommand(node = "report", name = "Report")
        java.util.concurrent.CompletableFuture<String> report() {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> "Report ready");
        }

        @XmppCommand(node = "restart", name = "Restart")
        String restart() {
            return "Restarting";
        }

        /** Asks a name, then a greeting style, then greets. */
        @XmppCommand(node = "greet", name = "Greet")
        CommandResponse greet(CommandRequest request, CommandSession session, DataForm form) {
            if (request.isStart()) {
                DataForm ask = DataForm.create(DataForm.Type.FORM);
                ask.addField("name", FieldType.TEXT_SINGLE).setRequired(true);
                return CommandResponse.ask(ask, CommandAction.NEXT);
            }
            if (session.stage() == 1 && request.action() == CommandAction.NEXT) {
                session.put("name", form.field("name").getValue());
                DataForm ask = DataForm.create(DataForm.Type.FORM);
                ask.addField("style", FieldType.LIST_SINGLE).addOption("warm", null).addOption("cold", null);
                return CommandResponse.ask(ask, CommandAction.COMPLETE, CommandAction.PREV);
            }
            return CommandResponse.completed("Hello, " + session.get("name") + " ("
                    + form.field("style").getValue() + ")");
        }
    }

    /** Commands that fail: thrown, in a returned future, or refusing with XEP-0050's own error. */
    static class Failing {
        @XmppCommand(node = "broken", name = "Broken")
        String broken(DataForm form) {
            throw new IllegalStateException("broken " + (form == null ? "now" : form.field("how").getValue()));
        }

        @XmppCommand(node = "later", name = "Later")
        java.util.concurrent.CompletableFuture<String> later() {
            return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("broken later"));
        }

        @XmppCommand(node = "refusing", name = "Refusing")
        String refusing() {
            throw new CommandException(CommandException.Reason.BAD_LOCALE, null);
        }
    }

    /** Sees every failure; "quiet" ones are handled without a response, "kind" ones answered with a note. */
    @Configuration(proxyBeanMethods = false)
    static class RecordingErrorHandler {
        final java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        XmppHandlerErrorHandler errorHandler() {
            return (id, stanza, error) -> {
                seen.add(id + ": " + error.getMessage() + (stanza == null ? "" : " on a stanza"));
                if (error.getMessage().endsWith("quiet")) {
                    return null;
                }
                if (error.getMessage().endsWith("kind")) {
                    return "Sorry, " + error.getMessage();
                }
                throw error;
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Metrics {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    static String how(String value) {
        return "<x xmlns='jabber:x:data' type='submit'><field var='how'><value>" + value + "</value></field></x>";
    }

    static void assertCommandError(StreamTester t, String id, StanzaError.Condition condition,
            @org.jspecify.annotations.Nullable String specific) {
        Iq response = new Iq(t.nextSent());
        assertThat(response.getId()).isEqualTo(id);
        assertThat(response.getIqType()).as(response.toString()).isEqualTo(Iq.Type.ERROR);
        assertThat(response.getError().getCondition()).isEqualTo(condition);
        XmlElement specificElement = response.getError().getApplicationCondition();
        assertThat(specificElement == null ? null : specificElement.name()).isEqualTo(specific);
    }

    static class WrongParameter {
        @XmppCommand(node = "bad")
        String bad(Iq iq) {
            return "";
        }
    }

    static class WrongReturn {
        @XmppCommand(node = "bad")
        Integer bad() {
            return 1;
        }
    }

    static class WrongStage {
        @XmppCommand(node = "bad")
        java.util.concurrent.CompletionStage<Integer> bad() {
            return null;
        }
    }

    static class SameNode {
        @XmppCommand(node = "status")
        String other() {
            return "";
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false")
            .withUserConfiguration(TesterConnection.class);

    static void execute(StreamTester t, String id, String from, String attributes, String body) {
        t.recv("<iq type='set' id='" + id + "' from='" + from + "'><command xmlns='" + NS + "' " + attributes + ">"
                + body + "</command></iq>");
    }

    static Command result(StreamTester t, String id) {
        Iq response = new Iq(t.nextSent());
        assertThat(response.getId()).isEqualTo(id);
        assertThat(response.getIqType()).as(response.toString()).isEqualTo(Iq.Type.RESULT);
        return response.extension(Command.SCHEMA);
    }

    static StanzaError.Condition error(StreamTester t, String id) {
        Iq response = new Iq(t.nextSent());
        assertThat(response.getId()).isEqualTo(id);
        assertThat(response.getIqType()).isEqualTo(Iq.Type.ERROR);
        return response.getError().getCondition();
    }

    static java.util.List<String> listed(StreamTester t, String id, String from) {
        t.recv("<iq type='get' id='" + id + "' from='" + from + "'><query xmlns='" + ServiceDiscovery.ITEMS
                + "' node='" + NS + "'/></iq>");
        XmlElement query = new Iq(t.nextSent()).getPayload();
        return query.elements("item", ServiceDiscovery.ITEMS).stream()
                .map(i -> i.attribute("node") + "=" + i.attribute("name")).toList();
    }

    @Test
    void aMethodReturningAStringOrAFormIsAOneStepCommand() {
        runner.withBean(Commands.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            assertThat(context.getBean(ClientXMPP.class).plugin(AdHocCommands.class)).as("loaded by name")
                    .isNotNull();
            execute(t, "s1", "romeo@example.com/x", "node='status' action='execute'", "");
            Command status = result(t, "s1");
            assertThat(status.getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(status.getNotes()).extracting(n -> n.text()).containsExactly("All good, romeo");

            execute(t, "u1", "romeo@example.com/x", "node='uptime'", "");
            assertThat(result(t, "u1").getForm().field("uptime").getValue()).isEqualTo("42");

            execute(t, "r1", "romeo@example.com/x", "node='report'", "");
            assertThat(result(t, "r1").getNotes()).extracting(n -> n.text()).containsExactly("Report ready");
        });
    }

    @Test
    void aMethodTakingTheSessionRunsEveryStep() {
        runner.withBean(Commands.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            execute(t, "g1", "romeo@example.com/x", "node='greet'", "");
            Command first = result(t, "g1");
            assertThat(first.getStatus()).isEqualTo(CommandStatus.EXECUTING);
            String session = "sessionid='" + first.getSessionId() + "'";

            execute(t, "g2", "romeo@example.com/x", "node='greet' action='next' " + session,
                    "<x xmlns='jabber:x:data' type='submit'><field var='name'><value>Juliet</value></field></x>");
            Command second = result(t, "g2");
            assertThat(second.getForm().field("style")).isNotNull();

            execute(t, "g3", "romeo@example.com/x", "node='greet' action='complete' " + session,
                    "<x xmlns='jabber:x:data' type='submit'><field var='style'><value>warm</value></field></x>");
            Command done = result(t, "g3");
            assertThat(done.getStatus()).isEqualTo(CommandStatus.COMPLETED);
            assertThat(done.getNotes()).extracting(n -> n.text()).containsExactly("Hello, Juliet (warm)");
        });
    }

    @Test
    void theConditionAndTheAllowListDecideWhoSeesAndRunsACommand() {
        runner.withBean(Commands.class)
                .withPropertyValues("xmpp.commands.restart.allow=admin@example.com, ops.example.org")
                .run(context -> {
                    StreamTester t = context.getBean(StreamTester.class);
                    assertThat(listed(t, "d1", "admin@example.com/x")).containsExactlyInAnyOrder("status=Status",
                            "uptime=uptime", "admin=Admin", "restart=Restart", "greet=Greet", "report=Report");
                    assertThat(listed(t, "d2", "romeo@elsewhere.org/x")).containsExactlyInAnyOrder(
                            "status=Status", "uptime=uptime", "greet=Greet", "report=Report");
                    assertThat(listed(t, "d3", "anyone@ops.example.org/x")).contains("restart=Restart");

                    execute(t, "a1", "romeo@elsewhere.org/x", "node='admin'", "");
                    assertThat(error(t, "a1")).isEqualTo(StanzaError.Condition.FORBIDDEN);
                    execute(t, "a2", "romeo@example.com/x", "node='restart'", "");
                    assertThat(error(t, "a2")).isEqualTo(StanzaError.Condition.FORBIDDEN);
                    execute(t, "a3", "admin@example.com/phone", "node='restart'", "");
                    assertThat(result(t, "a3").getNotes()).extracting(n -> n.text()).containsExactly("Restarting");
                });
    }

    @Test
    void stoppingTheEndpointWithdrawsTheCommand() {
        runner.withBean(Commands.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            XmppHandlerEndpointRegistry registry = context.getBean(XmppHandlerEndpointRegistry.class);
            registry.stop("status");
            assertThat(listed(t, "d1", "romeo@example.com/x")).doesNotContain("status=Status");
            execute(t, "s1", "romeo@example.com/x", "node='status'", "");
            assertThat(error(t, "s1")).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
            registry.start("status");
            execute(t, "s2", "romeo@example.com/x", "node='status'", "");
            assertThat(result(t, "s2").getStatus()).isEqualTo(CommandStatus.COMPLETED);
            t.expectNothingSent(QUIET);
        });
    }

    @Test
    void aFailingCommandIsAnsweredWithItsErrorAndTheErrorHandlerSeesTheFailure() {
        runner.withBean("failing", Failing.class, Failing::new).withUserConfiguration(RecordingErrorHandler.class)
                .run(context -> {
                    StreamTester t = context.getBean(StreamTester.class);
                    java.util.List<String> seen = context.getBean(RecordingErrorHandler.class).seen;
                    ClientXMPP client = context.getBean(ClientXMPP.class);

                    execute(t, "b1", "romeo@example.com/x", "node='broken'", "");
                    assertCommandError(t, "b1", StanzaError.Condition.INTERNAL_SERVER_ERROR, null);
                    execute(t, "b2", "romeo@example.com/x", "node='later'", "");
                    assertCommandError(t, "b2", StanzaError.Condition.INTERNAL_SERVER_ERROR, null);
                    assertThat(seen).containsExactly("failing.broken: broken now", "failing.later: broken later");
                    await().atMost(Duration.ofSeconds(5)).until(() -> client.handlerFailures() == 2);

                    // A refusal is the command's answer, not a failure.
                    execute(t, "b3", "romeo@example.com/x", "node='refusing'", "");
                    assertCommandError(t, "b3", StanzaError.Condition.BAD_REQUEST, "bad-locale");
                    assertThat(seen).hasSize(2);

                    // Handled without a response: answered, not reported.
                    execute(t, "b4", "romeo@example.com/x", "node='broken'", how("quiet"));
                    assertCommandError(t, "b4", StanzaError.Condition.INTERNAL_SERVER_ERROR, null);
                    // Handled with a note: the note is the command's response.
                    execute(t, "b5", "romeo@example.com/x", "node='broken'", how("kind"));
                    Command kind = result(t, "b5");
                    assertThat(kind.getStatus()).isEqualTo(CommandStatus.COMPLETED);
                    assertThat(kind.getNotes()).extracting(n -> n.text()).containsExactly("Sorry, broken kind");
                    assertThat(seen).endsWith("failing.broken: broken quiet", "failing.broken: broken kind");
                    t.expectNothingSent(QUIET);
                    assertThat(client.handlerFailures()).isEqualTo(2);
                });
    }

    @Test
    void eachStepOfACommandIsTimedAsAHandler() {
        runner.withBean("commands", Commands.class, Commands::new).withUserConfiguration(Metrics.class)
                .withConfiguration(AutoConfigurations.of(XmppMetricsAutoConfiguration.class))
                .run(context -> {
                    StreamTester t = context.getBean(StreamTester.class);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    execute(t, "s1", "romeo@example.com/x", "node='status'", "");
                    result(t, "s1");
                    execute(t, "g1", "romeo@example.com/x", "node='greet'", "");
                    String session = "sessionid='" + result(t, "g1").getSessionId() + "'";
                    execute(t, "g2", "romeo@example.com/x", "node='greet' action='next' " + session,
                            "<x xmlns='jabber:x:data' type='submit'><field var='name'><value>Juliet</value></field>"
                                    + "</x>");
                    result(t, "g2");

                    assertThat(meters.get("xmpp.handler").tags("xmpp.handler", "status", "xmpp.handler.kind",
                            "command").timer().count()).isEqualTo(1);
                    assertThat(meters.get("xmpp.handler").tags("xmpp.handler", "commands.greet",
                            "xmpp.handler.kind", "command").timer().count()).as("one per step").isEqualTo(2);
                });
    }

    @Test
    void aMethodThatCannotWorkFailsStartUpNamingIt() {
        runner.withBean(WrongParameter.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasMessageContaining(WrongParameter.class.getName() + ".bad()")
                .hasMessageContaining(Iq.class.getName()));
        runner.withBean(WrongReturn.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasMessageContaining(WrongReturn.class.getName() + ".bad()")
                .hasMessageContaining("returns java.lang.Integer"));
        runner.withBean(WrongStage.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasMessageContaining(WrongStage.class.getName() + ".bad()")
                .hasMessageContaining("CompletionStage<java.lang.Integer>"));
        runner.withBean(Commands.class).withBean(SameNode.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasMessageContaining("'status'"));
        runner.withBean(Commands.class).withPropertyValues("xmpp.commands.status.allow=not a jid@@")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasMessageContaining("xmpp.commands[status].allow"));
    }
}
