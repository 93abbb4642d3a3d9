/**
 * XEP-0297 Stanza Forwarding: the {@code <forwarded/>} wrapper in which a message travels as a copy, with when it
 * was received. A bot reads the inner message as any other (carbons and archives deliver theirs this way) and can
 * pass a message on to someone else, unchanged.
 */
@NullMarked
package org.xmppboot.plugins.xep0297;

import org.jspecify.annotations.NullMarked;
