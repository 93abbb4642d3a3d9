/**
 * The iq contract (RFC 6120 §8.2.3): every get or set gets exactly one response. {@link org.xmppboot.iq.IqTracker}
 * matches the responses to the requests we send; received requests are answered through
 * {@link org.xmppboot.iq.IqHandler}s.
 */
@NullMarked
package org.xmppboot.iq;

import org.jspecify.annotations.NullMarked;
