/**
 * XEP-0359 Unique and Stable Stanza IDs: the {@code <origin-id/>} a sender gives its message and the
 * {@code <stanza-id/>} a server or room gives it. A bot recognises its own messages when a room or an archive
 * echoes them, and gets the archive id it needs to page through history, trusting only the ids of the entities
 * it names.
 */
@NullMarked
package org.xmppboot.plugins.xep0359;

import org.jspecify.annotations.NullMarked;
