@NullMarked
package org.xmppboot.xml;

import org.jspecify.annotations.NullMarked;
