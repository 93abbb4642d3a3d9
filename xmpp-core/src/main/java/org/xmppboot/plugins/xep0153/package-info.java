/**
 * XEP-0153 vCard-Based Avatars: the bot shows a picture to its contacts by storing it in its vCard and naming
 * the picture's hash in every presence it sends, and learns when a contact's picture changes from the hash in
 * theirs. {@link org.xmppboot.plugins.xep0153.VCardAvatars} does both.
 */
@NullMarked
package org.xmppboot.plugins.xep0153;

import org.jspecify.annotations.NullMarked;
