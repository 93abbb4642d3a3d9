/** XMPP addresses (RFC 7622): parsed, checked and compared with {@link org.xmppboot.jid.Jid}. */
@NullMarked
package org.xmppboot.jid;

import org.jspecify.annotations.NullMarked;
