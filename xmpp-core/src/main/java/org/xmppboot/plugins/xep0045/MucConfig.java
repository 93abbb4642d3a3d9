package org.xmppboot.plugins.xep0045;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link MultiUserChat}. Immutable; {@link #DEFAULT} appends "_" up to three times when a nick is
 * taken, waits 30 s for a join, rejoins after a new session (trying again every minute while the room cannot be
 * reached), hides our own reflected messages and unlocks rooms it creates as instant rooms.
 *
 * @param nickFallback what to try when the room says our nick is taken (XEP-0045 §7.2.9)
 * @param maxNickAttempts how many other nicks to try before the join fails with {@code conflict}
 * @param joinTimeout how long a join waits for the room's self-presence
 * @param rejoinOnNewSession join the rooms again after a new session (a reconnect, a server restart); a resumed
 *     session (stream management) is still in them and does not rejoin
 * @param receiveOwnMessages let our own groupchat messages, which the room reflects to us (§7.4), reach the
 *     {@code groupchat_message} handlers; off, a bot does not answer itself
 * @param createInstantRooms accept the default configuration of a room our join created (§10.1.2), which the
 *     room otherwise keeps locked until configured
 * @param rejoinRetryInterval how long to wait before trying again when joining a room we were in (or one joined
 *     at session start) failed for a passing reason: no answer, the room's server unreachable, an error of type
 *     wait, service-unavailable or internal-server-error. Other errors (banned, password, members only) are final
 */
public record MucConfig(NickFallback nickFallback, int maxNickAttempts, Duration joinTimeout,
        boolean rejoinOnNewSession, boolean receiveOwnMessages, boolean createInstantRooms,
        Duration rejoinRetryInterval) {

    /** How another nick is made from the one that is taken. */
    public enum NickFallback {
        /** Fail the join. */
        NONE,
        /** {@code bot_}, then {@code bot__}, ... */
        UNDERSCORE,
        /** {@code bot2}, then {@code bot3}, ... */
        NUMBER;

        /** The nick of the {@code attempt}th fallback (from 1), or null for {@link #NONE}. */
        public @Nullable String nick(String base, int attempt) {
            return switch (this) {
                case NONE -> null;
                case UNDERSCORE -> base + "_".repeat(attempt);
                case NUMBER -> base + (attempt + 1);
            };
        }
    }

    public static final MucConfig DEFAULT =
            new MucConfig(NickFallback.UNDERSCORE, 3, Duration.ofSeconds(30), true, false, true, Duration.ofMinutes(1));

    public MucConfig {
        Objects.requireNonNull(nickFallback, "nickFallback");
        if (maxNickAttempts < 0) {
            throw new IllegalArgumentException("maxNickAttempts cannot be negative");
        }
        if (joinTimeout.isNegative() || joinTimeout.isZero()) {
            throw new IllegalArgumentException("joinTimeout must be positive");
        }
        if (rejoinRetryInterval.isNegative() || rejoinRetryInterval.isZero()) {
            throw new IllegalArgumentException("rejoinRetryInterval must be positive");
        }
    }

    public MucConfig withNickFallback(NickFallback fallback, int maxAttempts) {
        return new MucConfig(fallback, maxAttempts, joinTimeout, rejoinOnNewSession, receiveOwnMessages,
                createInstantRooms,
                rejoinRetryInterval);
    }

    public MucConfig withJoinTimeout(Duration timeout) {
        return new MucConfig(nickFallback, maxNickAttempts, timeout, rejoinOnNewSession, receiveOwnMessages,
                createInstantRooms,
                rejoinRetryInterval);
    }

    public MucConfig withRejoinOnNewSession(boolean rejoin) {
        return new MucConfig(nickFallback, maxNickAttempts, joinTimeout, rejoin, receiveOwnMessages,
                createInstantRooms,
                rejoinRetryInterval);
    }

    public MucConfig withReceiveOwnMessages(boolean receive) {
        return new MucConfig(nickFallback, maxNickAttempts, joinTimeout, rejoinOnNewSession, receive,
                createInstantRooms,
                rejoinRetryInterval);
    }

    public MucConfig withRejoinRetryInterval(Duration interval) {
        return new MucConfig(nickFallback, maxNickAttempts, joinTimeout, rejoinOnNewSession, receiveOwnMessages,
                createInstantRooms, interval);
    }

    public MucConfig withCreateInstantRooms(boolean create) {
        return new MucConfig(nickFallback, maxNickAttempts, joinTimeout, rejoinOnNewSession, receiveOwnMessages,
                create,
                rejoinRetryInterval);
    }
}
