/**
 * XEP-0308 Last Message Correction: a bot fixes the last message it sent ({@code <replace id='..'/>} naming the
 * original), and learns when a contact corrects one of theirs, with corrections from anyone but the original
 * sender ignored.
 */
@NullMarked
package org.xmppboot.plugins.xep0308;

import org.jspecify.annotations.NullMarked;
