package org.xmppboot.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.xmppboot.plugins.xep0045.MucConfig;

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

    /** What to do when the nick is taken: none (fail the join), underscore (bot_, bot__) or number (bot2, bot3). */
    private MucConfig.NickFallback nickFallback = MucConfig.DEFAULT.nickFallback();

    /** How many other nicks to try when the nick is taken. */
    private int maxNickAttempts = MucConfig.DEFAULT.maxNickAttempts();

    /** How long a join may wait for the room's answer. */
    private Duration joinTimeout = MucConfig.DEFAULT.joinTimeout();

    /** Whether the bot's own messages, reflected by the room, reach its handlers (they do not by default). */
    private boolean receiveOwnMessages = MucConfig.DEFAULT.receiveOwnMessages();

    /** How long to wait before joining again a room that refused for a passing reason. */
    private Duration rejoinRetryInterval = MucConfig.DEFAULT.rejoinRetryInterval();

    public MucConfig.NickFallback getNickFallback() {
        return nickFallback;
    }

    public void setNickFallback(MucConfig.NickFallback nickFallback) {
        this.nickFallback = nickFallback;
    }

    public int getMaxNickAttempts() {
        return maxNickAttempts;
    }

    public void setMaxNickAttempts(int maxNickAttempts) {
        this.maxNickAttempts = maxNickAttempts;
    }

    public Duration getJoinTimeout() {
        return joinTimeout;
    }

    public void setJoinTimeout(Duration joinTimeout) {
        this.joinTimeout = joinTimeout;
    }

    public boolean isReceiveOwnMessages() {
        return receiveOwnMessages;
    }

    public void setReceiveOwnMessages(boolean receiveOwnMessages) {
        this.receiveOwnMessages = receiveOwnMessages;
    }

    public Duration getRejoinRetryInterval() {
        return rejoinRetryInterval;
    }

    public void setRejoinRetryInterval(Duration rejoinRetryInterval) {
        this.rejoinRetryInterval = rejoinRetryInterval;
    }

    /** The plugin's settings from these properties (rooms are rejoined and instant rooms unlocked as by default). */
    MucConfig toConfig() {
        return new MucConfig(nickFallback, maxNickAttempts, joinTimeout, MucConfig.DEFAULT.rejoinOnNewSession(),
                receiveOwnMessages, MucConfig.DEFAULT.createInstantRooms(), rejoinRetryInterval);
    }

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
