@NullMarked
package org.xmppboot.plugin;

import org.jspecify.annotations.NullMarked;
