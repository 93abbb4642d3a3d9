/**
 * XEP-0203 Delayed Delivery: the {@code <delay/>} stamp a server or room adds to a stanza it held back, so a bot
 * can tell a message it missed while offline (or replayed from history) from a live one, and ignore stale
 * commands in one line ({@code message.isOlderThan(Duration.ofMinutes(5))}).
 */
@NullMarked
package org.xmppboot.plugins.xep0203;

import org.jspecify.annotations.NullMarked;
