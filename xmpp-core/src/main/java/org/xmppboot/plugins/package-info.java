/**
 * Built-in plugins, one package per XEP. Each is found by name through {@link java.util.ServiceLoader}, so
 * {@code xmpp.registerPlugin("xep_0199")} (or {@code xmpp.plugins=xep_0199} in Spring Boot) switches it on,
 * with its dependencies.
 */
@NullMarked
package org.xmppboot.plugins;

import org.jspecify.annotations.NullMarked;
