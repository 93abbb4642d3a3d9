/**
 * XEP-0333 Chat Markers (now "Displayed Markers"): a bot learns when the people it writes to have received,
 * displayed or acknowledged its messages ({@code marker} events), can ask for that with {@code <markable/>},
 * and can tell others it has read theirs ({@link org.xmppboot.plugins.xep0333.ChatMarkers#send}).
 */
@NullMarked
package org.xmppboot.plugins.xep0333;

import org.jspecify.annotations.NullMarked;
