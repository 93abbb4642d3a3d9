@NullMarked
package org.xmppboot.component;

import org.jspecify.annotations.NullMarked;
