package org.xmppboot.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppEvent;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.spring.autoconfigure.XmppMetricsAutoConfiguration;
import org.xmppboot.stream.HandlerException;
import org.xmppboot.test.StreamTester;
import org.xmppboot.xml.XmlElement;

/**
 * A threaded stanza handler is timed and reported like a threaded event handler: its duration is the time its
 * method took on the handler executor, and a failure is counted by the connection and raised as the
 * {@code exception} event.
 */
class ThreadedStanzaHandlerTest {

    static final long WORK_MILLIS = 150;

    @Configuration(proxyBeanMethods = false)
    static class Connection {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        SlowBot slowBot() {
            return new SlowBot();
        }
    }

    static class SlowBot {
        final BlockingQueue<String> done = new LinkedBlockingQueue<>();
        final BlockingQueue<HandlerException> failures = new LinkedBlockingQueue<>();

        @StanzaHandler(value = "message@type=chat/body", threaded = true)
        void work(Message message) throws InterruptedException {
            Thread.sleep(WORK_MILLIS);
            if (message.getBody().equals("fail")) {
                throw new IllegalStateException("threaded failure (expected by the test)");
            }
            done.add(message.getBody() + " on " + Thread.currentThread().getName());
        }

        @XmppEvent("exception")
        void failed(HandlerException failure) {
            failures.add(failure);
        }

        @XmppEvent("session_start")
        void started() {
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class,
                    XmppMetricsAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false")
            .withUserConfiguration(TesterConnection.class, Connection.class);

    @Test
    void theDurationIsTheMethodsTimeOnTheHandlerExecutor() {
        runner.run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            SlowBot bot = context.getBean(SlowBot.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            t.recv("<message from='a@example.com/x' type='chat' id='m1'><body>hi</body></message>");
            assertThat(bot.done.poll(5, TimeUnit.SECONDS)).startsWith("hi on tester-handler-");
            Timer success = await().atMost(Duration.ofSeconds(5)).until(() -> meters.find("xmpp.handler.duration")
                    .tag("handler", "slowBot.work").tag("outcome", "success").timer(), timer -> timer != null
                    && timer.count() == 1);
            assertThat(success.totalTime(TimeUnit.MILLISECONDS)).as("measured around the method")
                    .isGreaterThanOrEqualTo(WORK_MILLIS);
            assertThat(t.client().handlerFailures()).isZero();
        });
    }

    @Test
    void eventMethodsAreTimedUnderTheirIdAsStanzaMethodsAre() {
        runner.run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            t.client().event("session_start", null);
            Timer timer = await().atMost(Duration.ofSeconds(5)).until(() -> meters.find("xmpp.handler.duration")
                    .tag("handler", "slowBot.started").tag("outcome", "success").timer(), found -> found != null);
            assertThat(timer.count()).isOne();
            assertThat(meters.find("xmpp.handler.duration").tag("handler", "session_start").timer())
                    .as("not under the event's name").isNull();
        });
    }

    @Test
    void aFailureIsCountedTimedAndRaisedAsTheExceptionEvent() {
        runner.run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            SlowBot bot = context.getBean(SlowBot.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);

            t.recv("<message from='a@example.com/x' type='chat' id='f1'><body>fail</body></message>");
            HandlerException failure = bot.failures.poll(5, TimeUnit.SECONDS);
            assertThat(failure).as("the exception event").isNotNull();
            assertThat(failure.handler()).isEqualTo("slowBot.work");
            assertThat(failure.getCause()).hasMessage("threaded failure (expected by the test)");
            assertThat(failure.data()).isInstanceOf(Message.class);
            assertThat(t.client().handlerFailures()).isEqualTo(1);
            Timer failed = meters.find("xmpp.handler.duration").tag("handler", "slowBot.work")
                    .tag("outcome", "failure").timer();
            assertThat(failed).isNotNull();
            assertThat(failed.count()).isOne();
            assertThat(failed.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(WORK_MILLIS);
            assertThat(meters.find("xmpp.handler.duration").tag("handler", "slowBot.work")
                    .tag("outcome", "success").timer()).as("no success for the hand-off").isNull();
        });
    }

    static class ThreadedIq {
        @StanzaHandler(value = "iq@type=set/{urn:example:fail}bug", threaded = true, id = "threadedIq.bug")
        void bug(Iq iq) throws InterruptedException {
            Thread.sleep(WORK_MILLIS);
            throw new IllegalStateException("threaded iq failure (expected by the test)");
        }

        @StanzaHandler(value = "iq@type=get/{urn:example:slow}work", threaded = true, id = "threadedIq.work")
        XmlElement work(Iq iq) throws InterruptedException {
            Thread.sleep(WORK_MILLIS);
            return new XmlElement("work", "urn:example:slow").addText(Thread.currentThread().getName());
        }

        @StanzaHandler(value = "iq@type=set/{urn:example:slow}refuse", threaded = true, id = "threadedIq.refuse")
        void refuse(Iq iq) {
            throw new StanzaErrorException(StanzaError.Condition.NOT_ALLOWED, null);
        }
    }

    @Test
    void aFailingThreadedIqHandlerStillAnswersWithAnErrorOnceAndIsCountedAndTimed() {
        runner.withBean(ThreadedIq.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            SlowBot bot = context.getBean(SlowBot.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            t.recv("<iq type='set' id='q1' from='a@example.com/x'><bug xmlns='urn:example:fail'/></iq>");
            t.expectSent("<iq type='error' id='q1' to='a@example.com/x'><error type='cancel'>"
                    + "<internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            t.expectNothingSent(Duration.ofMillis(300));
            await().atMost(Duration.ofSeconds(5)).until(() -> t.client().handlerFailures() == 1);
            HandlerException failure = bot.failures.poll(5, TimeUnit.SECONDS);
            assertThat(failure).as("the exception event").isNotNull();
            assertThat(failure.handler()).isEqualTo("threadedIq.bug");
            assertThat(failure.data()).isInstanceOf(Iq.class);
            assertThat(bot.failures.poll(200, TimeUnit.MILLISECONDS)).as("reported once").isNull();
            Timer failed = meters.find("xmpp.handler.duration").tag("handler", "threadedIq.bug")
                    .tag("outcome", "failure").timer();
            assertThat(failed).isNotNull();
            assertThat(failed.count()).isOne();
            assertThat(failed.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(WORK_MILLIS);
        });
    }

    @Test
    void aThreadedIqHandlerIsTimedOnTheHandlerExecutorAndItsRefusalIsNoFailure() {
        runner.withBean(ThreadedIq.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            t.recv("<iq type='get' id='w1' from='a@example.com/x'><work xmlns='urn:example:slow'/></iq>");
            XmlElement result = t.expectSent("<iq type='result' id='w1' to='a@example.com/x'>"
                    + "<work xmlns='urn:example:slow'/></iq>", StreamTester.Match.MASK);
            assertThat(result.childText("work", "urn:example:slow")).startsWith("tester-handler-");
            Timer success = await().atMost(Duration.ofSeconds(5)).until(() -> meters.find("xmpp.handler.duration")
                    .tag("handler", "threadedIq.work").tag("outcome", "success").timer(), timer -> timer != null
                    && timer.count() == 1);
            assertThat(success.totalTime(TimeUnit.MILLISECONDS)).as("measured around the method")
                    .isGreaterThanOrEqualTo(WORK_MILLIS);
            assertThat(meters.find("xmpp.handler.duration").tag("handler", "threadedIq.work:hand-off").timer())
                    .as("the hand-off from the event thread").isNotNull();

            t.recv("<iq type='set' id='w2' from='a@example.com/x'><refuse xmlns='urn:example:slow'/></iq>");
            t.expectSent("<iq type='error' id='w2' to='a@example.com/x'><error type='cancel'>"
                    + "<not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            t.expectNothingSent(Duration.ofMillis(300));
            assertThat(t.client().handlerFailures()).isZero();
            assertThat(meters.find("xmpp.handler.duration").tag("handler", "threadedIq.refuse")
                    .tag("outcome", "failure").timer()).isNull();
        });
    }

    static class ClashingStanzaFirst {
        @StanzaHandler(value = "message", threaded = true, id = "custom")
        void stanza(Message message) {
        }

        @XmppEvent("custom")
        void event(Object data) {
        }
    }

    static class ClashingEventFirst {
        @XmppEvent("custom")
        void event(Object data) {
        }
    }

    static class ClashingStanzaSecond {
        @StanzaHandler(value = "message", threaded = true, id = "custom")
        void stanza(Message message) {
        }
    }

    @Test
    void aThreadedHandlersIdMustNotBeAnEventOtherHandlersListenTo() {
        runner.withBean(ClashingStanzaFirst.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasMessageContaining("threaded stanza handler 'custom'"));
        runner.withBean(ClashingEventFirst.class).withBean(ClashingStanzaSecond.class)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasMessageContaining("threaded stanza handler 'custom'"));
    }
}
