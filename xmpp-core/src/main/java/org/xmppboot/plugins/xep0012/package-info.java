/**
 * XEP-0012 Last Activity: a bot says how long it has been idle, and asks how long a contact has been idle or
 * offline, or how long a server has been up: to tell whether a contact is likely to read a message soon, or
 * whether a server was just restarted.
 */
@NullMarked
package org.xmppboot.plugins.xep0012;

import org.jspecify.annotations.NullMarked;
