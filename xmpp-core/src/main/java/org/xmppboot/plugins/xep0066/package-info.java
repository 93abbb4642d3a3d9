/**
 * XEP-0066 Out of Band Data, the {@code jabber:x:oob} part: a message that carries a URL to fetch (a file shared
 * through HTTP upload, say), so that clients show the file inline instead of a bare link, and the URL of the
 * messages a bot receives.
 */
@NullMarked
package org.xmppboot.plugins.xep0066;

import org.jspecify.annotations.NullMarked;
