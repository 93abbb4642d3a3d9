/**
 * The local development server for Spring Boot applications: {@code xmpp.local-server.enabled=true} starts a
 * throwaway Prosody or ejabberd and contributes the {@code XmppConnectionDetails} that point the connection at it.
 */
@NullMarked
package org.xmppboot.spring.localserver;

import org.jspecify.annotations.NullMarked;
