/**
 * XEP-0202 Entity Time: a bot tells others its clock and time zone offset, and asks theirs: to greet someone
 * in their morning, or to notice that a peer's clock is off before trusting its timestamps.
 */
@NullMarked
package org.xmppboot.plugins.xep0202;

import org.jspecify.annotations.NullMarked;
