/**
 * XEP-0082 XMPP Date and Time Profiles: reading and writing the timestamps other XEPs carry (delays, entity
 * time, archives), forgiving on input and exact on output, so a bot never fails on a badly written date.
 */
@NullMarked
package org.xmppboot.plugins.xep0082;

import org.jspecify.annotations.NullMarked;
