/**
 * The XMPP layer over {@link org.xmppboot.stream.XMLStream}: {@link org.xmppboot.BaseXMPP} and its stanzas,
 * default handlers, presence tracking and plugins.
 */
@NullMarked
package org.xmppboot;

import org.jspecify.annotations.NullMarked;
