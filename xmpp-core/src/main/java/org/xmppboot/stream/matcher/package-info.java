@NullMarked
package org.xmppboot.stream.matcher;

import org.jspecify.annotations.NullMarked;
