package org.xmppboot.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0045.MucConfig;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0045.Room;
import org.xmppboot.plugins.xep0410.MucSelfPing;

/** {@code xmpp.muc.*}: binding, the plugin beans, the rooms handed to the plugin, and start-up failures. */
class XmppMucAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class, XmppMucAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false", "xmpp.jid=helpbot@example.org", "xmpp.password=x");

    @Test
    void configuredRoomsMakeThePluginsBeansAndAreJoinedWithTheirSettings() {
        runner.withPropertyValues("xmpp.muc.rooms[0].jid=lobby@conference.example.org",
                "xmpp.muc.rooms[1].jid=staff@conference.example.org", "xmpp.muc.rooms[1].nick=Helper",
                "xmpp.muc.rooms[1].password=secret", "xmpp.muc.rooms[1].history=5",
                "xmpp.muc.self-ping-interval=2m").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(MultiUserChat.class)
                            .hasSingleBean(MucSelfPing.class);
                    context.getBean(BaseXMPP.class); // the connection: its customizers ran
                    MultiUserChat muc = context.getBean(MultiUserChat.class);
                    Room lobby = muc.room(Jid.of("lobby@conference.example.org"));
                    assertThat(lobby).as("joined once the session starts").isNotNull();
                    assertThat(lobby.nick()).as("the bot's local part").isEqualTo("helpbot");
                    assertThat(lobby.isJoined()).isFalse();
                    assertThat(muc.room(Jid.of("staff@conference.example.org")).nick()).isEqualTo("Helper");
                    assertThat(context.getBean(MucSelfPing.class).config().interval())
                            .isEqualTo(Duration.ofMinutes(2));
                    XmppMucProperties.Room staff = context.getBean(XmppMucProperties.class).getRooms().get(1);
                    assertThat(staff.getPassword()).isEqualTo("secret");
                    assertThat(staff.getHistory()).isEqualTo(5);
                    assertThat(context.getBean(XmppMucProperties.class).getRooms().get(0).getHistory())
                            .as("no history by default").isZero();
                });
    }

    @Test
    void thePluginsSettingsComeFromXmppMucProperties() {
        runner.withPropertyValues("xmpp.muc.rooms[0].jid=lobby@conference.example.org",
                "xmpp.muc.nick-fallback=number", "xmpp.muc.max-nick-attempts=5", "xmpp.muc.join-timeout=10s",
                "xmpp.muc.receive-own-messages=true").run(context -> {
                    MucConfig config = context.getBean(MultiUserChat.class).config();
                    assertThat(config.nickFallback()).isEqualTo(MucConfig.NickFallback.NUMBER);
                    assertThat(config.maxNickAttempts()).isEqualTo(5);
                    assertThat(config.joinTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(config.receiveOwnMessages()).isTrue();
                    assertThat(config.rejoinOnNewSession()).isTrue();
                });
    }

    @Test
    void selfPingsAreOnEveryFiveMinutesByDefaultAndOffWithZero() {
        runner.withPropertyValues("xmpp.muc.rooms[0].jid=lobby@conference.example.org").run(context ->
                assertThat(context.getBean(MucSelfPing.class).config().interval()).isEqualTo(Duration.ofMinutes(5)));
        runner.withPropertyValues("xmpp.muc.rooms[0].jid=lobby@conference.example.org",
                "xmpp.muc.self-ping-interval=0").run(context ->
                        assertThat(context.getBean(MucSelfPing.class).config().interval()).isNull());
    }

    @Test
    void withoutRoomsOrAsAComponentThereIsNoMucPlugin() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MultiUserChat.class)
                .doesNotHaveBean(MucSelfPing.class));
        runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=bot.example.org",
                "xmpp.component.secret=s", "xmpp.muc.rooms[0].jid=lobby@conference.example.org")
                .run(context -> assertThat(context).doesNotHaveBean(MultiUserChat.class));
    }

    @Test
    void aRoomThatIsNotARoomAddressFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("xmpp.muc.rooms[0].jid=conference.example.org")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidXmppPropertyException.class)
                        .hasMessageContaining("xmpp.muc.rooms[0].jid: "));
        runner.withPropertyValues("xmpp.muc.rooms[0].jid=lobby@conference.example.org",
                "xmpp.muc.rooms[0].history=-1")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidXmppPropertyException.class)
                        .hasMessageContaining("xmpp.muc.rooms[0].history: "));
    }
}
