/**
 * Testing kit for xmpp-boot applications: {@link org.xmppboot.test.LocalProsody} and
 * {@link org.xmppboot.test.LocalEjabberd} (real, throwaway servers behind one interface,
 * {@link org.xmppboot.test.LocalServer}), {@link org.xmppboot.test.LocalEjabberdCluster} (ejabberd nodes joined
 * into one cluster on loopback), {@link org.xmppboot.test.ProsodyTest} (a JUnit extension that provides
 * the Prosody one), {@link org.xmppboot.test.XmppServerTest} (runs a test class once per server),
 * {@link org.xmppboot.test.FaultProxy} (a TCP proxy that cuts, stalls, delays and refuses connections on command),
 * and {@link org.xmppboot.test.StreamTester} (client and component streams scripted with no server at all).
 */
@NullMarked
package org.xmppboot.test;

import org.jspecify.annotations.NullMarked;
