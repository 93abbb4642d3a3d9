/**
 * An external component's connection (XEP-0114): {@link org.xmppboot.component.ComponentXMPP} connects to a
 * server's component port and authenticates with the shared secret; it then serves a whole domain.
 */
@NullMarked
package org.xmppboot.component;

import org.jspecify.annotations.NullMarked;
