/**
 * XEP-0461 Message Replies, with the XEP-0428 fallback it uses: a bot answers a given message so that clients
 * show the answer attached to it (and older clients a quote), and reads which message a reply answers and the
 * reply's own text without the quote.
 */
@NullMarked
package org.xmppboot.plugins.xep0461;

import org.jspecify.annotations.NullMarked;
