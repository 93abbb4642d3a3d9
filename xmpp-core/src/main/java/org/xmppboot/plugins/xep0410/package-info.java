/**
 * XEP-0410 MUC Self-Ping: a bot checks now and then that each room it is in still counts it as an occupant, and
 * joins again a room that silently forgot it (a restarted room service, a lost server-to-server link), instead of
 * sitting for days in a room that no longer sends it anything.
 */
@NullMarked
package org.xmppboot.plugins.xep0410;

import org.jspecify.annotations.NullMarked;
