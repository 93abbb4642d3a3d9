/**
 * XEP-0085 Chat State Notifications: a bot learns when the person it talks to is typing, has paused or has left
 * the conversation ({@code chatstate} events), and can show its own state, such as "composing" while it works
 * on a slow answer, through {@link org.xmppboot.plugins.xep0085.ChatStates#send}.
 */
@NullMarked
package org.xmppboot.plugins.xep0085;

import org.jspecify.annotations.NullMarked;
