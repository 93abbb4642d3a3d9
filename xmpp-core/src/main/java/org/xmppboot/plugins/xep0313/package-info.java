/**
 * XEP-0313 Message Archive Management: a bot reads its account's archive (or a room's) by correspondent and
 * time, page by page, and after a restart catches up on what it missed, each archived message exactly once.
 */
@NullMarked
package org.xmppboot.plugins.xep0313;

import org.jspecify.annotations.NullMarked;
