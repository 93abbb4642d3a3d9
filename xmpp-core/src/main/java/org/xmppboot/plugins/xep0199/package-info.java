/** XEP-0199 XMPP Ping: answering pings, pinging, and a keepalive that notices a dead connection. */
@NullMarked
package org.xmppboot.plugins.xep0199;

import org.jspecify.annotations.NullMarked;
