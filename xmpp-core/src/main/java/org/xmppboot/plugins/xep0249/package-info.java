/**
 * XEP-0249 Direct MUC Invitations: a bot invites people to a room with a message sent straight to them, hears
 * the invitations it receives, and, if told to, joins the rooms it is invited to.
 */
@NullMarked
package org.xmppboot.plugins.xep0249;

import org.jspecify.annotations.NullMarked;
