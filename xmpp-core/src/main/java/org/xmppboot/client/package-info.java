@NullMarked
package org.xmppboot.client;

import org.jspecify.annotations.NullMarked;
