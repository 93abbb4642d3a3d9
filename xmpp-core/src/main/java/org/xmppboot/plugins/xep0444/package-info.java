/**
 * XEP-0444 Message Reactions: a bot reacts to a message with emojis (a thumbs-up for "done", a vote) and learns
 * the reactions others give, each sender's latest set replacing the one before. Also home of
 * {@link org.xmppboot.plugins.xep0444.ReferenceIds}, the rule by which reactions, replies and the like name the
 * message they are about.
 */
@NullMarked
package org.xmppboot.plugins.xep0444;

import org.jspecify.annotations.NullMarked;
