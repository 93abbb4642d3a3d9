/** Spring Boot integration of xmpp-boot: auto-configuration, properties and the connection lifecycle. */
@NullMarked
package org.xmppboot.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
