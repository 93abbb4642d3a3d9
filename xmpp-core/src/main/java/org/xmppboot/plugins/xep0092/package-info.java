/** XEP-0092 Software Version: answering who is running which software. */
@NullMarked
package org.xmppboot.plugins.xep0092;

import org.jspecify.annotations.NullMarked;
