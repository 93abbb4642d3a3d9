/**
 * SASL mechanisms for XMPP authentication (RFC 6120 §6): SCRAM (with and without channel binding), PLAIN,
 * EXTERNAL, ANONYMOUS.
 */
@NullMarked
package org.xmppboot.sasl;

import org.jspecify.annotations.NullMarked;
