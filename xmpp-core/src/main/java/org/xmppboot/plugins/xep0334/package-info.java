/**
 * XEP-0334 Message Processing Hints: a bot asks the server and the recipient's other clients not to store or
 * copy a message (a one-time code, a status update nobody needs in their history), or to store one that would
 * otherwise not be.
 */
@NullMarked
package org.xmppboot.plugins.xep0334;

import org.jspecify.annotations.NullMarked;
