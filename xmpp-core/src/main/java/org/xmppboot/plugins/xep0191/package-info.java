/**
 * XEP-0191 Blocking Command: a bot keeps the accounts it refuses to hear from on its server's block list, so
 * that the server drops their stanzas before they reach it. {@link org.xmppboot.plugins.xep0191.Blocking}
 * blocks, unblocks and lists, and keeps a copy of the list current from the server's pushes.
 */
@NullMarked
package org.xmppboot.plugins.xep0191;

import org.jspecify.annotations.NullMarked;
