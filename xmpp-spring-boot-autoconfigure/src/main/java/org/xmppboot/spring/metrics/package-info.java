/** Spring Boot integration of xmpp-boot: Micrometer meters for the event queue, handlers and stanzas. */
@NullMarked
package org.xmppboot.spring.metrics;

import org.jspecify.annotations.NullMarked;
