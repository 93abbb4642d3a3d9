/**
 * XEP-0280 Message Carbons: a bot that shares its account with other clients (a person's phone, another
 * instance) sees the messages those clients send and receive, as copies from its own server, and can send a
 * message that the others do not get a copy of.
 */
@NullMarked
package org.xmppboot.plugins.xep0280;

import org.jspecify.annotations.NullMarked;
