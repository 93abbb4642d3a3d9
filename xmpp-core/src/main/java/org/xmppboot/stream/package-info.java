@NullMarked
package org.xmppboot.stream;

import org.jspecify.annotations.NullMarked;
