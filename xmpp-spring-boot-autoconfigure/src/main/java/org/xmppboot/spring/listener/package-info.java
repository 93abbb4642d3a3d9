/**
 * Spring Boot integration of xmpp-boot: finding annotated handler methods, invoking them, and the registry of
 * handler endpoints.
 */
@NullMarked
package org.xmppboot.spring.listener;

import org.jspecify.annotations.NullMarked;
