/**
 * Recovery of a connection: the {@link org.xmppboot.reconnect.ReconnectPolicy} that says when to try again, and
 * the {@code reconnecting} event's data. {@code BaseXMPP} applies the policy to clients and components alike.
 */
@NullMarked
package org.xmppboot.reconnect;

import org.jspecify.annotations.NullMarked;
