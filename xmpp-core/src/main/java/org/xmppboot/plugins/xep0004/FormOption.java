package org.xmppboot.plugins.xep0004;

import org.jspecify.annotations.Nullable;

/**
 * One {@code <option/>} of a list-single or list-multi field (XEP-0004 §3.2).
 *
 * @param value the value submitted when the option is chosen
 * @param label what a user sees, or null
 */
public record FormOption(String value, @Nullable String label) {
}
