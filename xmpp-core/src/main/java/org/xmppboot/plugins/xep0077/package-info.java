/**
 * XEP-0077 In-Band Registration: a bot or a test creates its account on the server over XMPP itself, changes
 * its password, or closes the account, without an administrator. {@link
 * org.xmppboot.plugins.xep0077.InBandRegistration#createAccount} creates an account in one call; the plugin,
 * configured to create its account, does it on the client's first connection, just before logging in.
 */
@NullMarked
package org.xmppboot.plugins.xep0077;

import org.jspecify.annotations.NullMarked;
