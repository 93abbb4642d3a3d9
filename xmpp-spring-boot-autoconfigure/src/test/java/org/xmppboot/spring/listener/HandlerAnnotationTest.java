package org.xmppboot.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppEvent;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.test.StreamTester;
import org.xmppboot.xml.XmlElement;

/** The annotation model over a scripted stream: what handlers receive, what their return values become. */
class HandlerAnnotationTest {

    static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    static class Bot {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @StanzaHandler("message@type=chat/body")
        String chat(Message message, Jid from) {
            return "echo " + message.getBody() + " to " + from.bare();
        }

        @StanzaHandler("message@type=normal/body")
        CompletableFuture<String> later(Message message) {
            return CompletableFuture.supplyAsync(() -> "later " + message.getBody());
        }

        @StanzaHandler(value = "iq@type=get/{urn:example:time}time", condition = "#from.domain == 'example.com'")
        XmlElement time(Iq iq) {
            XmlElement payload = new XmlElement("time", "urn:example:time");
            payload.addElement("utc").setText("2026-11-25T00:00:00Z");
            return payload;
        }

        @StanzaHandler("iq@type=set/{urn:example:void}ack")
        void acknowledge(Iq iq) {
            seen.add("ack " + iq.getId());
        }

        @StanzaHandler("iq@type=set/{urn:example:fail}missing")
        void missing(Iq iq) {
            throw new StanzaErrorException(StanzaError.Condition.ITEM_NOT_FOUND, "no such thing");
        }

        @StanzaHandler("iq@type=set/{urn:example:fail}bug")
        void bug(Iq iq) {
            throw new IllegalStateException("a bug (expected by the test)");
        }

        @StanzaHandler("iq@type=get/{urn:example:twice}twice")
        Iq twice(Iq iq) {
            iq.reply().sendResponse();
            return iq.reply();
        }

        @StanzaHandler(mask = "<iq type='get'><version xmlns='urn:example:version'/></iq>")
        Iq version(Iq iq) {
            Iq result = iq.reply();
            result.setPayload(new XmlElement("version", "urn:example:version").addText("1.0"));
            return result;
        }

        @XmppEvent(value = "custom", condition = "#data == 'wanted'")
        void onlyWanted(String payload) {
            seen.add("wanted " + payload);
        }

        @StanzaHandler(xpath = "{jabber:client}presence")
        void presence(StanzaBase presence, BaseXMPP xmpp, Jid from) {
            seen.add("presence from " + from + " on " + xmpp.getClass().getSimpleName());
        }

        @StanzaHandler
        void anyMessage(Message message) {
            seen.add("message " + message.getId());
        }

        @XmppEvent(value = "custom", threaded = true)
        void custom(String payload) {
            seen.add("custom " + payload + " on " + Thread.currentThread().getName());
        }

        @XmppEvent("custom")
        void customNumbers(Integer payload) {
            seen.add("number " + payload);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Handlers {
        @Bean
        Bot bot() {
            return new Bot();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class))
            // No plugins: the stanzas sent are compared exactly, without the origin-ids and chat states they add.
            .withPropertyValues("xmpp.auto-startup=false", "xmpp.plugins=")
            .withUserConfiguration(TesterConnection.class);

    private static String poll(BlockingQueue<String> queue) throws InterruptedException {
        return queue.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void returnValuesBecomeStanzas() {
        runner.withUserConfiguration(Handlers.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<message from='a@example.com/x' type='chat' id='m1'><body>hi</body><thread>t1</thread>"
                    + "</message>");
            t.expectSent("<message to='a@example.com/x' type='chat' id='m1'><body>echo hi to a@example.com</body>"
                    + "<thread>t1</thread></message>");
            t.recv("<message from='a@example.com/x' id='m2'><body>soon</body></message>");
            t.expectSent("<message to='a@example.com/x' id='m2'><body>later soon</body></message>");
        });
    }

    @Test
    void everyIqRequestGetsExactlyOneResponse() {
        runner.withUserConfiguration(Handlers.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            Bot bot = context.getBean(Bot.class);
            t.recv("<iq type='get' id='q1' from='a@example.com/x'><time xmlns='urn:example:time'/></iq>");
            t.expectSent("<iq type='result' id='q1' to='a@example.com/x'><time xmlns='urn:example:time'>"
                    + "<utc>2026-11-25T00:00:00Z</utc></time></iq>");

            t.recv("<iq type='set' id='q2' from='a@example.com/x'><ack xmlns='urn:example:void'/></iq>");
            assertThat(poll(bot.seen)).isEqualTo("ack q2");
            t.expectSent("<iq type='result' id='q2' to='a@example.com/x'/>");

            t.recv("<iq type='set' id='q3' from='a@example.com/x'><missing xmlns='urn:example:fail'/></iq>");
            t.expectSent("<iq type='error' id='q3' to='a@example.com/x'><error type='cancel'>"
                    + "<item-not-found xmlns='" + STANZAS + "'/><text xmlns='" + STANZAS + "'>no such thing</text>"
                    + "</error></iq>");

            t.recv("<iq type='set' id='q4' from='a@example.com/x'><bug xmlns='urn:example:fail'/></iq>");
            t.expectSent("<iq type='error' id='q4' to='a@example.com/x'><error type='cancel'>"
                    + "<internal-server-error xmlns='" + STANZAS + "'/></error></iq>");

            t.recv("<iq type='get' id='q7' from='a@example.com/x'><version xmlns='urn:example:version'/></iq>");
            t.expectSent("<iq type='result' id='q7' to='a@example.com/x'><version xmlns='urn:example:version'>1.0"
                    + "</version></iq>");

            t.recv("<iq type='get' id='q5' from='a@example.com/x'><twice xmlns='urn:example:twice'/></iq>");
            t.expectSent("<iq type='result' id='q5' to='a@example.com/x'/>");
            t.expectNothingSent(Duration.ofMillis(200));
        });
    }

    @Test
    void aConditionThatRejectsLeavesTheIqUnhandled() {
        runner.withUserConfiguration(Handlers.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<iq type='get' id='q6' from='a@elsewhere.org/x'><time xmlns='urn:example:time'/></iq>");
            t.expectSent("<iq type='error' id='q6' to='a@elsewhere.org/x'><error type='cancel'>"
                    + "<service-unavailable xmlns='" + STANZAS + "'/></error></iq>");
        });
    }

    @Test
    void typedParametersOnlyGetTheirKindAndEventsTheirPayloadType() {
        runner.withUserConfiguration(Handlers.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            Bot bot = context.getBean(Bot.class);
            t.recv("<presence from='a@example.com/x'/>");
            assertThat(poll(bot.seen)).isEqualTo("presence from a@example.com/x on ClientXMPP");
            t.recv("<message from='a@example.com/x' type='headline' id='h1'/>");
            assertThat(poll(bot.seen)).isEqualTo("message h1");

            t.client().event("custom", "text");
            t.client().event("custom", 42);
            t.client().event("custom", "wanted");
            java.util.List<String> seen = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                seen.add(poll(bot.seen));
            }
            // The condition let "wanted" through and kept "text" out; the Integer went to the Integer handler.
            assertThat(seen).contains("number 42", "wanted wanted").doesNotContain("wanted text")
                    .filteredOn(line -> line.startsWith("custom ")).hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains(" on tester-handler-"));
            assertThat(bot.seen.poll(200, TimeUnit.MILLISECONDS)).isNull();
        });
    }

    @Test
    void handlersCanBeStoppedAndStartedById() {
        runner.withUserConfiguration(Handlers.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            XmppHandlerEndpointRegistry registry = context.getBean(XmppHandlerEndpointRegistry.class);
            assertThat(registry.getEndpoints()).extracting(XmppHandlerEndpoint::id).contains("bot.time", "bot.custom");

            registry.stop("bot.time");
            t.recv("<iq type='get' id='s1' from='a@example.com/x'><time xmlns='urn:example:time'/></iq>");
            t.expectSent("<iq type='error' id='s1' to='a@example.com/x'><error type='cancel'>"
                    + "<service-unavailable xmlns='" + STANZAS + "'/></error></iq>");
            registry.start("bot.time");
            t.recv("<iq type='get' id='s2' from='a@example.com/x'><time xmlns='urn:example:time'/></iq>");
            t.expectSent("<iq type='result' id='s2' to='a@example.com/x'/>", StreamTester.Match.MASK);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Proxied {
        @Bean
        Object proxiedBot() {
            ProxyFactory factory = new ProxyFactory(new Bot());
            factory.setProxyTargetClass(true);
            return factory.getProxy();
        }
    }

    @Test
    void handlersBehindAnAopProxyAreFound() {
        runner.withUserConfiguration(Proxied.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<message from='a@example.com/x' type='chat' id='p1'><body>via proxy</body></message>");
            t.expectSent("<message to='a@example.com/x' type='chat' id='p1'><body>echo via proxy to a@example.com"
                    + "</body></message>");
        });
    }

    static class BadSignature {
        @StanzaHandler("message")
        void wrong(Message message, java.util.List<String> nothing) {
        }
    }

    static class WrongConnection {
        @StanzaHandler("message")
        void wrong(ComponentXMPP component) {
        }
    }

    @Test
    void aSignatureThatCanNeverMatchFailsStartup() {
        runner.withBean(BadSignature.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasMessageContaining("BadSignature.wrong()")
                .hasMessageContaining("parameter 2 (java.util.List)"));
        runner.withBean(WrongConnection.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasMessageContaining("asks for a ComponentXMPP but the connection is a ClientXMPP"));
    }

    @Configuration(proxyBeanMethods = false)
    static class ErrorHandling {
        @Bean
        XmppHandlerErrorHandler errorHandler() {
            return (id, stanza, error) -> stanza instanceof Iq iq
                    ? iq.error(StanzaError.Condition.NOT_ACCEPTABLE, id + ": " + error.getMessage()) : null;
        }
    }

    static class FailingChat {
        @StanzaHandler("message@type=groupchat/body")
        String fail(Message message) {
            throw new IllegalStateException("a message failure (expected by the test)");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Apologies {
        @Bean
        XmppHandlerErrorHandler errorHandler() {
            return (id, stanza, error) -> stanza instanceof Message ? "sorry: " + error.getMessage() : null;
        }
    }

    @Test
    void whatTheErrorHandlerReturnsIsSentAndTheFailureIsHandled() {
        runner.withBean(FailingChat.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<message from='a@example.com/x' type='groupchat' id='g1'><body>hi</body></message>");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> t.client().handlerFailures() == 1);
            t.expectNothingSent(Duration.ofMillis(200));
        });
        runner.withBean(FailingChat.class).withUserConfiguration(Apologies.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<message from='a@example.com/x' type='groupchat' id='g2'><body>hi</body></message>");
            t.expectSent("<message to='a@example.com' type='groupchat' id='g2'><body>sorry: a "
                    + "message failure (expected by the test)</body></message>");
            t.expectNothingSent(Duration.ofMillis(200));
            assertThat(t.client().handlerFailures()).isZero();
        });
    }

    @Test
    void anErrorHandlerBeanTakesOver() {
        runner.withUserConfiguration(Handlers.class, ErrorHandling.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<iq type='set' id='e1' from='a@example.com/x'><bug xmlns='urn:example:fail'/></iq>");
            t.expectSent("<iq type='error' id='e1' to='a@example.com/x'><error type='modify'>"
                    + "<not-acceptable xmlns='" + STANZAS + "'/><text xmlns='" + STANZAS + "'>bot.bug: a bug "
                    + "(expected by the test)</text></error></iq>");
        });
    }
}
