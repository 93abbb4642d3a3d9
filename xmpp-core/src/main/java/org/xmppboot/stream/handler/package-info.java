@NullMarked
package org.xmppboot.stream.handler;

import org.jspecify.annotations.NullMarked;
