/**
 * A client's connection (RFC 6120, RFC 6121): {@link org.xmppboot.client.ClientXMPP} finds the server (DNS SRV,
 * XEP-0368 direct TLS), connects, and negotiates the session through the stream features of
 * {@code org.xmppboot.features}; {@link org.xmppboot.client.ClientConfig} says as whom and how.
 */
@NullMarked
package org.xmppboot.client;

import org.jspecify.annotations.NullMarked;
