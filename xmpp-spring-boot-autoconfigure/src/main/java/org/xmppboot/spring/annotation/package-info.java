/** Spring Boot integration of xmpp-boot: the handler annotations, {@code @StanzaHandler} and {@code @XmppEvent}. */
@NullMarked
package org.xmppboot.spring.annotation;

import org.jspecify.annotations.NullMarked;
