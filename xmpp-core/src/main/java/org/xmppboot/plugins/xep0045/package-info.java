/**
 * XEP-0045 Multi-User Chat: a bot joins rooms (with a password, a nick fallback when its nick is taken, and only
 * the history it wants), talks in them and to occupants privately, follows who is there with which role and
 * affiliation, hears its name mentioned, stays joined across new sessions without handling a message twice,
 * and, as a room's owner or moderator, configures the room, kicks, bans and grants membership.
 */
@NullMarked
package org.xmppboot.plugins.xep0045;

import org.jspecify.annotations.NullMarked;
