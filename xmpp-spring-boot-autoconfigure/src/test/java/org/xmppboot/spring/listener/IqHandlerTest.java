package org.xmppboot.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppEvent;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.stream.HandlerException;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.test.StreamTester;
import org.xmppboot.xml.XmlElement;

/**
 * A {@code @StanzaHandler} whose path names an iq request and its payload is a core iq handler: every request
 * gets exactly one response, whatever the method returns or throws, and stopping it leaves its route to
 * {@code service-unavailable}.
 */
class IqHandlerTest {

    static final String NS = "urn:example:iq";
    static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    static final Duration QUIET = Duration.ofMillis(300);

    static class Answers {
        final BlockingQueue<HandlerException> failures = new LinkedBlockingQueue<>();

        @StanzaHandler(value = "iq@type=set/{urn:example:iq}bug", id = "bug")
        void bug(Iq iq) {
            throw new IllegalStateException("a bug (expected by the test)");
        }

        @StanzaHandler(value = "iq@type=set/{urn:example:iq}refuse", id = "refuse")
        XmlElement refuse(Iq iq) {
            throw new StanzaErrorException(StanzaError.Condition.FORBIDDEN, "not you");
        }

        @StanzaHandler(value = "iq@type=get/{urn:example:iq}later", id = "later")
        CompletableFuture<XmlElement> later(Iq iq) {
            return CompletableFuture.supplyAsync(() -> new XmlElement("later", NS).addText("done"));
        }

        @StanzaHandler(value = "iq@type=get/{urn:example:iq}broken", id = "broken")
        CompletableFuture<XmlElement> broken() {
            return CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("a failed future (expected by the test)");
            });
        }

        @XmppEvent("exception")
        void failed(HandlerException failure) {
            failures.add(failure);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false")
            .withUserConfiguration(TesterConnection.class);

    private static String error(String id, String type, String condition, String text) {
        return "<iq type='error' id='" + id + "' to='a@example.com/x'><error type='" + type + "'><" + condition
                + " xmlns='" + STANZAS + "'/>" + (text == null ? "" : "<text xmlns='" + STANZAS + "'>" + text
                + "</text>") + "</error></iq>";
    }

    @Test
    void aRoutePathRegistersACoreIqHandler() {
        runner.withBean(Answers.class).run(context -> {
            StreamHandler bug = context.getBean(ClientXMPP.class).handlers().stream()
                    .filter(h -> h.name().equals("bug")).findFirst().orElseThrow();
            assertThat(bug.matcher()).isEqualTo(IqRoute.set(NS, "bug"));
        });
    }

    @Test
    void aThrowingHandlerIsAnsweredInternalServerErrorOnceAndReported() {
        runner.withBean(Answers.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            Answers answers = context.getBean(Answers.class);
            t.recv("<iq type='set' id='b1' from='a@example.com/x'><bug xmlns='" + NS + "'/></iq>");
            t.expectSent(error("b1", "cancel", "internal-server-error", null));
            t.expectNothingSent(QUIET);
            HandlerException failure = answers.failures.poll(5, TimeUnit.SECONDS);
            assertThat(failure).as("the exception event").isNotNull();
            assertThat(failure.handler()).isEqualTo("bug");
            assertThat(failure.getCause()).hasMessage("a bug (expected by the test)");
            assertThat(failure.data()).isInstanceOf(Iq.class);
            assertThat(t.client().handlerFailures()).isOne();
        });
    }

    @Test
    void aStanzaErrorExceptionIsAnsweredWithItsConditionOnceAndIsNoFailure() {
        runner.withBean(Answers.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<iq type='set' id='r1' from='a@example.com/x'><refuse xmlns='" + NS + "'/></iq>");
            t.expectSent(error("r1", "auth", "forbidden", "not you"));
            t.expectNothingSent(QUIET);
            assertThat(t.client().handlerFailures()).isZero();
            assertThat(context.getBean(Answers.class).failures).isEmpty();
        });
    }

    @Test
    void aFutureIsAnsweredOnceWhenItCompletes() {
        runner.withBean(Answers.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<iq type='get' id='l1' from='a@example.com/x'><later xmlns='" + NS + "'/></iq>");
            t.expectSent("<iq type='result' id='l1' to='a@example.com/x'><later xmlns='" + NS + "'>done</later>"
                    + "</iq>");
            t.expectNothingSent(QUIET);

            t.recv("<iq type='get' id='l2' from='a@example.com/x'><broken xmlns='" + NS + "'/></iq>");
            t.expectSent(error("l2", "cancel", "internal-server-error", null));
            t.expectNothingSent(QUIET);
            HandlerException failure = context.getBean(Answers.class).failures.poll(5, TimeUnit.SECONDS);
            assertThat(failure).as("the exception event").isNotNull();
            assertThat(failure.getCause()).hasMessage("a failed future (expected by the test)");
        });
    }

    @Test
    void stoppingTheEndpointLeavesItsRequestsServiceUnavailableAndStartingAnswersThemAgain() {
        runner.withBean(Answers.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            XmppHandlerEndpointRegistry registry = context.getBean(XmppHandlerEndpointRegistry.class);
            registry.stop("later");
            assertThat(t.client().handlers()).extracting(StreamHandler::name).doesNotContain("later");
            t.recv("<iq type='get' id='s1' from='a@example.com/x'><later xmlns='" + NS + "'/></iq>");
            t.expectSent(error("s1", "cancel", "service-unavailable", null));
            t.expectNothingSent(QUIET);

            registry.start("later");
            t.recv("<iq type='get' id='s2' from='a@example.com/x'><later xmlns='" + NS + "'/></iq>");
            t.expectSent("<iq type='result' id='s2' to='a@example.com/x'><later xmlns='" + NS + "'>done</later>"
                    + "</iq>");
        });
    }

    static class FirstOnRoute {
        @StanzaHandler("iq@type=get/{urn:example:iq}time")
        XmlElement first(Iq iq) {
            return new XmlElement("time", NS);
        }
    }

    static class SecondOnRoute {
        @StanzaHandler(value = "iq@type=get/{urn:example:iq}time", threaded = true)
        Iq second(Iq iq) {
            return iq.reply();
        }
    }

    @Test
    void twoMethodsOnOneRouteFailStartUpNamingBoth() {
        runner.withBean(FirstOnRoute.class).withBean(SecondOnRoute.class).run(context -> assertThat(context)
                .hasFailed().getFailure()
                .hasMessageContaining("Two @StanzaHandler methods answer iq@type=get/{urn:example:iq}time")
                .hasMessageContaining(FirstOnRoute.class.getName() + ".first()")
                .hasMessageContaining(SecondOnRoute.class.getName() + ".second()"));
    }

    @Configuration(proxyBeanMethods = false)
    static class RouteTakenByCore {
        @Bean(destroyMethod = "close")
        StreamTester tester() {
            return StreamTester.client("bot@example.com/test");
        }

        @Bean
        ClientXMPP xmppConnection(StreamTester tester) {
            ClientXMPP xmpp = tester.client();
            xmpp.registerIqHandler("plugin:time", IqRoute.get(NS, "time"), request -> null);
            return xmpp;
        }
    }

    @Test
    void aRouteThatACoreHandlerAnswersFailsStartUp() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class))
                .withPropertyValues("xmpp.auto-startup=false")
                .withUserConfiguration(RouteTakenByCore.class).withBean(FirstOnRoute.class)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasMessageContaining(FirstOnRoute.class.getName() + ".first() cannot answer "
                                + "iq@type=get/{urn:example:iq}time")
                        .hasMessageContaining("'plugin:time' already answers"));
    }

    static class ReturnsText {
        @StanzaHandler("iq@type=get/{urn:example:iq}text")
        CompletableFuture<String> text(Iq iq) {
            return CompletableFuture.completedFuture("no iq response");
        }
    }

    static class TakesAMessage {
        @StanzaHandler("iq@type=get/{urn:example:iq}text")
        void text(org.xmppboot.stanza.Message message) {
        }
    }

    @Test
    void aMethodThatCanNeverAnswerItsRouteFailsStartUp() {
        runner.withBean(ReturnsText.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasMessageContaining(ReturnsText.class.getName() + ".text() answers iq@type=get/{urn:example:iq}"
                        + "text but returns a java.lang.String"));
        runner.withBean(TakesAMessage.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasMessageContaining("only takes a Message"));
    }

    @Configuration(proxyBeanMethods = false)
    static class HandledErrors {
        @Bean
        XmppHandlerErrorHandler errorHandler() {
            return (id, stanza, error) -> null;
        }
    }

    @Test
    void aFailureTheErrorHandlerTakesWithoutAResponseIsAnsweredButNotReported() {
        runner.withBean(Answers.class).withUserConfiguration(HandledErrors.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<iq type='set' id='h1' from='a@example.com/x'><bug xmlns='" + NS + "'/></iq>");
            t.expectSent(error("h1", "cancel", "internal-server-error", null));
            t.recv("<iq type='get' id='h2' from='a@example.com/x'><broken xmlns='" + NS + "'/></iq>");
            t.expectSent(error("h2", "cancel", "internal-server-error", null));
            t.expectNothingSent(QUIET);
            assertThat(t.client().handlerFailures()).isZero();
            assertThat(context.getBean(Answers.class).failures).isEmpty();
        });
    }

    /** A handler with no route beside one with a route: each request still gets one response. */
    static class Unrouted {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @StanzaHandler(xpath = "{jabber:client}iq")
        void anyIq(Iq iq) {
            seen.add(iq.getType() + " " + iq.getId());
            if (iq.getPayload() != null && iq.getPayload().name().equals("fail")) {
                throw new IllegalStateException("an unrouted failure (expected by the test)");
            }
        }

        @StanzaHandler("iq@type=get/{urn:example:iq}time")
        XmlElement time(Iq iq) {
            return new XmlElement("time", NS);
        }
    }

    @Test
    void aHandlerWithNoRouteAnswersOnceAndLeavesRoutedRequestsToTheirHandler() {
        runner.withBean(Unrouted.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            Unrouted bot = context.getBean(Unrouted.class);
            t.recv("<iq type='get' id='u1' from='a@example.com/x'><time xmlns='" + NS + "'/></iq>");
            t.expectSent("<iq type='result' id='u1' to='a@example.com/x'><time xmlns='" + NS + "'/></iq>");
            t.expectNothingSent(QUIET);
            assertThat(bot.seen).as("the routed request is not the unrouted handler's").isEmpty();

            t.recv("<iq type='get' id='u2' from='a@example.com/x'><other xmlns='" + NS + "'/></iq>");
            assertThat(bot.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("get u2");
            t.expectSent("<iq type='result' id='u2' to='a@example.com/x'/>");

            t.recv("<iq type='set' id='u3' from='a@example.com/x'><fail xmlns='" + NS + "'/></iq>");
            t.expectSent(error("u3", "cancel", "internal-server-error", null));
            t.expectNothingSent(QUIET);
            await().atMost(Duration.ofSeconds(5)).until(() -> t.client().handlerFailures() == 1);

            t.recv("<iq type='result' id='u4' from='a@example.com/x'/>");
            assertThat(bot.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("set u3");
            assertThat(bot.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("result u4");
            t.expectNothingSent(QUIET);
        });
    }
}
