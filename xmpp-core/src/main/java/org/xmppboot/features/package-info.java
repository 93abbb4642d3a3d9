/**
 * Stream features a client negotiates after each stream (re)start (RFC 6120 §4.3.2), one class each, run in
 * order by {@link org.xmppboot.features.FeatureNegotiator}: {@link org.xmppboot.features.StartTlsFeature} (RFC 6120
 * §5), {@link org.xmppboot.features.SaslFeature} (§6), {@link org.xmppboot.features.BindFeature} (§7) and
 * {@link org.xmppboot.features.SessionFeature} (RFC 3921 §3, for servers that still require it). A feature talks
 * to the connection only through {@link org.xmppboot.features.Negotiation}, so new ones plug in with an order and
 * nothing else changes: stream management ({@code org.xmppboot.sm}) adds resumption at 250 and enabling at 600.
 */
@NullMarked
package org.xmppboot.features;

import org.jspecify.annotations.NullMarked;
