package org.xmppboot.plugins.xep0202;

import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link EntityTime}.
 *
 * @param zone the time zone whose offset we answer; null for the system's (read at each answer, so a change of
 *     daylight saving time shows)
 */
public record EntityTimeConfig(@Nullable ZoneId zone) {

    public static final EntityTimeConfig DEFAULT = new EntityTimeConfig(null);
}
