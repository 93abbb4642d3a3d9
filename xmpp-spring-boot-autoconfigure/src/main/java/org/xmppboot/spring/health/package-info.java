/** Spring Boot integration of xmpp-boot: the {@code xmpp} health indicator. */
@NullMarked
package org.xmppboot.spring.health;

import org.jspecify.annotations.NullMarked;
