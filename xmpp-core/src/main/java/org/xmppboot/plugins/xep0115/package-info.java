/**
 * XEP-0115 Entity Capabilities: a bot's presence says, in one short hash, what it is and supports, and the
 * presence of others tells the bot what they support without asking each of them: one {@code disco#info} query
 * per distinct client version, verified against the hash, cached for every contact that runs it.
 */
@NullMarked
package org.xmppboot.plugins.xep0115;

import org.jspecify.annotations.NullMarked;
