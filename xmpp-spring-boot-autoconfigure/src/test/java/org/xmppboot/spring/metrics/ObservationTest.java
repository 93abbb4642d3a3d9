package org.xmppboot.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppEvent;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.spring.autoconfigure.XmppMetricsAutoConfiguration;
import org.xmppboot.test.StreamTester;

/**
 * With an {@link ObservationRegistry}, each handler call and each iq request we send is an observation, so that
 * Spring Boot's tracing shows XMPP work: {@code xmpp.handler} around the method, {@code xmpp.iq} from request to
 * response.
 */
class ObservationTest {

    /** Records every stopped observation as its name and low-cardinality keys. */
    static final class Recorder implements ObservationHandler<Observation.Context> {
        final List<Map<String, String>> stopped = new CopyOnWriteArrayList<>();

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public void onStop(Observation.Context context) {
            Map<String, String> keys = new TreeMap<>();
            keys.put("name", context.getName());
            for (KeyValue kv : context.getLowCardinalityKeyValues()) {
                keys.put(kv.getKey(), kv.getValue());
            }
            keys.put("error", String.valueOf(context.getError() != null));
            stopped.add(keys);
        }
    }

    static class Bot {
        @StanzaHandler("message@type=chat/body")
        String echo(Message message) {
            return message.getBody();
        }

        @XmppEvent("session_start")
        void started() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Application {
        final Recorder recorder = new Recorder();

        @Bean(destroyMethod = "close")
        StreamTester tester() {
            return StreamTester.client("bot@example.com/test");
        }

        @Bean
        ClientXMPP xmppConnection(StreamTester tester) {
            return tester.client();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Recorder recorder() {
            return recorder;
        }

        @Bean
        ObservationRegistry observationRegistry(Recorder recorder) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(recorder);
            return registry;
        }

        @Bean
        Bot bot() {
            return new Bot();
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class, XmppMetricsAutoConfiguration.class))
            // No plugins: the stanzas sent are compared exactly, without the origin-ids and chat states they add.
            .withPropertyValues("xmpp.auto-startup=false", "xmpp.plugins=")
            .withUserConfiguration(Application.class);

    @Test
    void handlerCallsAndIqRequestsAreObserved() {
        runner.run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            Recorder recorder = context.getBean(Recorder.class);

            t.recv("<message from='a@example.com/x' type='chat' id='m1'><body>hi</body></message>");
            t.expectSent("<message to='a@example.com/x' type='chat'><body>hi</body></message>",
                    StreamTester.Match.IGNORE_ID);
            t.client().event("session_start", null);
            t.client().sendIq(t.client().makeIqGet("urn:example:q", Jid.of("a@example.com/x")), null);
            String id = t.nextSent().attribute("id");
            t.recv("<iq type='error' id='" + id + "' from='a@example.com/x'><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");

            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.stopped.size() >= 3);
            assertThat(recorder.stopped).contains(
                    Map.of("name", "xmpp.handler", "xmpp.handler", "bot.echo", "xmpp.handler.kind", "stanza",
                            "error", "false"),
                    Map.of("name", "xmpp.handler", "xmpp.handler", "bot.started", "xmpp.handler.kind", "event",
                            "error", "false"),
                    Map.of("name", "xmpp.iq", "xmpp.iq.type", "get", "xmpp.iq.namespace", "urn:example:q",
                            "xmpp.iq.outcome", "error", "error", "false"));
        });
    }
}
