package org.xmppboot.reconnect;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The data of the {@code reconnecting} event: the connection ended (or an attempt failed) and another attempt
 * is scheduled.
 *
 * @param retry which retry this is since the last established session (1 for the first)
 * @param delay how long until it starts
 * @param reason why the previous connection ended or the attempt failed, for logs and health
 * @param cause the failure behind it, when there was one
 */
public record Reconnecting(int retry, Duration delay, String reason, @Nullable Throwable cause) {
}
