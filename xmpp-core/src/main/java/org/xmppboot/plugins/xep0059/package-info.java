/**
 * XEP-0059 Result Set Management: the {@code <set/>} element with which a bot asks for a list (an archive, a
 * room's history) one page at a time, and learns where a page starts and ends and how much there is in all.
 */
@NullMarked
package org.xmppboot.plugins.xep0059;

import org.jspecify.annotations.NullMarked;
