/**
 * Stanzas as objects over their XML: {@link org.xmppboot.stanza.Message}, {@link org.xmppboot.stanza.Presence},
 * {@link org.xmppboot.stanza.Iq}, errors, and the {@link org.xmppboot.stanza.Schema} through which a XEP adds its
 * extensions to them.
 */
@NullMarked
package org.xmppboot.stanza;

import org.jspecify.annotations.NullMarked;
