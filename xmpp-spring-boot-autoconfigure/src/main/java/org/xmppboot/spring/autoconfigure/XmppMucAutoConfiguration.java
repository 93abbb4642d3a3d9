package org.xmppboot.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0045.History;
import org.xmppboot.plugins.xep0045.JoinOptions;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0410.MucSelfPing;
import org.xmppboot.plugins.xep0410.SelfPingConfig;

/**
 * The rooms of {@code xmpp.muc.rooms} ({@link XmppMucProperties}): when at least one is configured, the MUC plugin
 * (XEP-0045) and the self-ping plugin (XEP-0410) are plugin beans, and every room is joined at session start and
 * again after every new session. A room that cannot be joined is logged and does not stop the bot.
 */
@AutoConfiguration(after = XmppAutoConfiguration.class)
@ConditionalOnProperty(name = "xmpp.mode", havingValue = "client", matchIfMissing = true)
@Conditional(XmppMucAutoConfiguration.RoomsConfigured.class)
@EnableConfigurationProperties(XmppMucProperties.class)
public final class XmppMucAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(XmppMucAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    MultiUserChat xmppMultiUserChat(XmppMucProperties properties) {
        return new MultiUserChat(properties.toConfig());
    }

    @Bean
    @ConditionalOnMissingBean
    MucSelfPing xmppMucSelfPing(XmppMucProperties properties) {
        Duration interval = properties.getSelfPingInterval();
        return new MucSelfPing(SelfPingConfig.DEFAULT.withInterval(
                interval == null || interval.isZero() || interval.isNegative() ? null : interval));
    }

    /** Asks the MUC plugin for the rooms when the connection is made; they are joined once the session starts. */
    @Bean
    XmppConnectionCustomizer xmppMucRooms(MultiUserChat muc, XmppMucProperties properties,
            XmppProperties xmppProperties) {
        List<RoomToJoin> rooms = roomsToJoin(properties, xmppProperties.getJid());
        return connection -> {
            for (RoomToJoin room : rooms) {
                muc.join(room.jid(), room.options()).whenComplete((joined, error) -> {
                    if (error != null) {
                        log.warn("Could not join {} (xmpp.muc.rooms): {}", room.jid(), error.getMessage());
                    }
                });
            }
        };
    }

    private record RoomToJoin(Jid jid, JoinOptions options) {
    }

    /** The configured rooms, checked now so that a mistake fails start-up naming the property. */
    private static List<RoomToJoin> roomsToJoin(XmppMucProperties properties, @Nullable String botJid) {
        Jid bot = Jid.ofOrNull(botJid);
        String defaultNick = bot == null || bot.local() == null ? "bot" : bot.local();
        List<RoomToJoin> rooms = new ArrayList<>();
        for (int i = 0; i < properties.getRooms().size(); i++) {
            XmppMucProperties.Room room = properties.getRooms().get(i);
            String prefix = "xmpp.muc.rooms[" + i + "].";
            Jid jid = Jid.ofOrNull(room.getJid());
            if (jid == null || jid.local() == null || jid.resource() != null) {
                throw new InvalidXmppPropertyException(prefix + "jid", "'" + room.getJid()
                        + "' is not a room's address",
                        "Use the room's bare JID, such as lobby@conference.example.org.");
            }
            if (room.getHistory() < 0) {
                throw new InvalidXmppPropertyException(prefix + "history", "cannot be negative",
                        "Use 0 for no history, or how many messages to receive on joining.");
            }
            String nick = room.getNick() == null || room.getNick().isBlank() ? defaultNick : room.getNick();
            rooms.add(new RoomToJoin(jid, JoinOptions.nick(nick).withPassword(room.getPassword())
                    .withHistory(History.maxStanzas(room.getHistory()))));
        }
        return rooms;
    }

    /** At least one room is configured. */
    static final class RoomsConfigured extends AnyNestedCondition {

        RoomsConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("xmpp.muc.rooms[0].jid")
        static final class FirstRoom {
        }
    }
}
