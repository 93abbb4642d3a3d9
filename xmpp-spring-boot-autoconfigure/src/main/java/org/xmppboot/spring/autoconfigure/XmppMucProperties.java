package org.xmppboot.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rooms the bot is in ({@code xmpp.muc.*}, XEP-0045): joined when the session starts, joined again after
 * every new session, and checked now and then with a self-ping (XEP-0410).
 */
@ConfigurationProperties("xmpp.muc")
public class XmppMucProperties {

    /** The rooms to join at session start, and again after every new session. */
    private List<Room> rooms = new ArrayList<>();

    /**
     * How often each joined room is asked whether it still counts the bot in (XEP-0410 self-ping); a room that
     * forgot it is joined again. 0 or empty turns self-pings off.
     */
    private @Nullable Duration selfPingInterval = Duration.ofMinutes(5);

    public List<Room> getRooms() {
        return rooms;
    }

    public void setRooms(List<Room> rooms) {
        this.rooms = rooms;
    }

    public @Nullable Duration getSelfPingInterval() {
        return selfPingInterval;
    }

    public void setSelfPingInterval(@Nullable Duration selfPingInterval) {
        this.selfPingInterval = selfPingInterval;
    }

    /** One room to be in. */
    public static class Room {

        /** The room's address, such as lobby@conference.example.org. */
        private @Nullable String jid;

        /** The bot's nick in the room. Unset: the local part of xmpp.jid. */
        private @Nullable String nick;

        /** The room's password, if it has one. */
        private @Nullable String password;

        /**
         * How many messages of the room's history to receive on the first join. 0 by default: a bot does not
         * act again on old commands. A rejoin after a new session receives what was said since the last
         * message seen, whatever this says.
         */
        private int history;

        public @Nullable String getJid() {
            return jid;
        }

        public void setJid(@Nullable String jid) {
            this.jid = jid;
        }

        public @Nullable String getNick() {
            return nick;
        }

        public void setNick(@Nullable String nick) {
            this.nick = nick;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public int getHistory() {
            return history;
        }

        public void setHistory(int history) {
            this.history = history;
        }
    }
}
