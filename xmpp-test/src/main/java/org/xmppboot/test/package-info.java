/**
 * Testing kit for xmpp-boot applications: {@link org.xmppboot.test.LocalProsody} (a real, throwaway server),
 * {@link org.xmppboot.test.ProsodyTest} (a JUnit 5 extension that provides one), and
 * {@link org.xmppboot.test.StreamTester} (client and component streams scripted with no server at all).
 */
@NullMarked
package org.xmppboot.test;

import org.jspecify.annotations.NullMarked;
