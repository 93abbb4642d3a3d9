@NullMarked
package org.xmppboot.jid;

import org.jspecify.annotations.NullMarked;
