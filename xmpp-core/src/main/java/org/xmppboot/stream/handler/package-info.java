/** Stream handlers: a matcher and a callback, registered on a stream by name (see {@code org.xmppboot.stream}). */
@NullMarked
package org.xmppboot.stream.handler;

import org.jspecify.annotations.NullMarked;
