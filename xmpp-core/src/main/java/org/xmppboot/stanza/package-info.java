@NullMarked
package org.xmppboot.stanza;

import org.jspecify.annotations.NullMarked;
