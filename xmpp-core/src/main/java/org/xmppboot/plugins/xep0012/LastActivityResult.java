package org.xmppboot.plugins.xep0012;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What an entity answered to a last activity query (XEP-0012): what the time means depends on whom was asked.
 *
 * @param elapsed for an account's bare JID, how long since the user logged out (§3); for a connected client,
 *     how long it has been idle (§4); for a server or component, how long since it started (§5)
 * @param status the status of an offline user's last unavailable presence (§3), else null
 */
public record LastActivityResult(Duration elapsed, @Nullable String status) {
}
