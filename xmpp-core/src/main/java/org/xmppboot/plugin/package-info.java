/**
 * Connection plugins: {@link org.xmppboot.plugin.XmppPlugin} and its usual base
 * {@link org.xmppboot.plugin.BasePlugin}, the {@link org.xmppboot.plugin.PluginContext} a plugin sees of its
 * connection, and the {@link org.xmppboot.plugin.PluginRegistry} that loads plugins by name with their
 * dependencies. The plugins themselves, one package per XEP, are in {@code org.xmppboot.plugins}.
 */
@NullMarked
package org.xmppboot.plugin;

import org.jspecify.annotations.NullMarked;
