package org.xmppboot.plugins.xep0045;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How to join a room.
 *
 * @param nick the nick to ask for
 * @param password the room's password, or null
 * @param history how much history to receive on the first join; a rejoin after a new session asks instead for
 *     what was said since the last message seen
 */
public record JoinOptions(String nick, @Nullable String password, History history) {

    public JoinOptions {
        Objects.requireNonNull(nick, "nick");
        Objects.requireNonNull(history, "history");
        if (nick.isBlank()) {
            throw new IllegalArgumentException("A room nick cannot be blank");
        }
    }

    /** This nick, no password, the room's default history. */
    public static JoinOptions nick(String nick) {
        return new JoinOptions(nick, null, History.ROOM_DEFAULT);
    }

    public JoinOptions withPassword(@Nullable String roomPassword) {
        return new JoinOptions(nick, roomPassword, history);
    }

    public JoinOptions withHistory(History limits) {
        return new JoinOptions(nick, password, limits);
    }

    JoinOptions withNick(String other) {
        return new JoinOptions(other, password, history);
    }
}
