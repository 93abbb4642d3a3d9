package org.xmppboot.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.xmppboot.stanza.Message;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.autoconfigure.XmppAutoConfiguration;
import org.xmppboot.test.StreamTester;

/** {@code @StanzaHandler(room = ...)}: a room's groupchat messages, answered in the room. */
class RoomHandlerTest {

    static class RoomBot {
        @StanzaHandler(room = "${bot.room}")
        String inRoom(Message message) {
            return "heard: " + message.getBody();
        }
    }

    static class WrongRoom {
        @StanzaHandler(room = "not a room")
        void inRoom(Message message) {
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false", "xmpp.plugins=", "bot.room=team@conference.example.com")
            .withUserConfiguration(TesterConnection.class);

    @Test
    void onlyTheRoomsGroupchatMessagesAreHandledAndTheAnswerGoesToTheRoom() {
        runner.withBean(RoomBot.class).run(context -> {
            StreamTester t = context.getBean(StreamTester.class);
            t.recv("<message from='other@conference.example.com/ann' type='groupchat' id='o1'><body>elsewhere</body>"
                    + "</message>");
            t.recv("<message from='team@conference.example.com/ann' type='chat' id='p1'><body>private</body>"
                    + "</message>");
            t.recv("<message from='team@conference.example.com/ann' type='groupchat' id='g1'><body>hello</body>"
                    + "</message>");
            t.expectSent("<message to='team@conference.example.com' type='groupchat' id='g1'>"
                    + "<body>heard: hello</body></message>");
            t.expectNothingSent(Duration.ofMillis(300));
        });
    }

    @Test
    void aRoomThatIsNoBareJidFailsStartupNamingTheMethod() {
        runner.withBean(WrongRoom.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasMessageContaining("inRoom").hasMessageContaining("not a room's bare JID"));
    }
}
