package org.xmppboot.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xmppboot.stanza.Message;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppEvent;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.test.StreamTester;

/** SpEL conditions: what they see, and that a condition that cannot be evaluated costs its handler only. */
class HandlerConditionTest {

    @Configuration(proxyBeanMethods = false)
    static class Connection {
        @Bean
        Bot bot() {
            return new Bot();
        }
    }

    static class Bot {
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        @StanzaHandler(value = "message@type=chat/body", condition = "#from.domain == 'example.com'")
        void fromExample(Message message) {
            seen.add("from example: " + message.getBody());
        }

        @StanzaHandler(value = "message@type=headline/body", condition = "#stanza.body.length() > 2 and #xmpp != null")
        void longHeadline(Message message) {
            seen.add("headline: " + message.getBody());
        }

        @XmppEvent(value = "numbers", threaded = true, condition = "#data % 2 == 0")
        void even(Integer number) {
            seen.add("even " + number);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false")
            .withUserConfiguration(TesterConnection.class, Connection.class);

    @Test
    void conditionsSeeTheStanzaTheSenderAndTheConnection() {
        runner.run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            Bot bot = context.getBean(Bot.class);
            t.recv("<message from='a@elsewhere.org/x' type='chat'><body>one</body></message>");
            t.recv("<message from='a@example.com/x' type='chat'><body>two</body></message>");
            t.recv("<message from='a@example.com/x' type='headline'><body>no</body></message>");
            t.recv("<message from='a@example.com/x' type='headline'><body>yes</body></message>");
            assertThat(bot.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("from example: two");
            assertThat(bot.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("headline: yes");
            assertThat(bot.seen.poll(100, TimeUnit.MILLISECONDS)).isNull();
        });
    }

    @Test
    void threadedEventConditionsEvaluateEachEventOnItsOwn() {
        runner.run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            Bot bot = context.getBean(Bot.class);
            for (int i = 0; i < 200; i++) {
                t.client().event("numbers", i);
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < 100; i++) {
                seen.add(bot.seen.poll(5, TimeUnit.SECONDS));
            }
            assertThat(seen).hasSize(100).allMatch(line -> line.startsWith("even ")
                    && Integer.parseInt(line.substring(5)) % 2 == 0);
            assertThat(bot.seen.poll(100, TimeUnit.MILLISECONDS)).isNull();
        });
    }

    @Test
    void aSenderAddressThatIsNotAJidFailsTheConditionNotTheConnection() {
        runner.run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            Bot bot = context.getBean(Bot.class);
            t.recv("<message from='a@@example.com' type='chat'><body>bad</body></message>");
            t.recv("<message from='a@example.com/x' type='chat'><body>good</body></message>");
            assertThat(bot.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("from example: good");
            assertThat(t.client().isConnected()).isTrue();
        });
    }
}
