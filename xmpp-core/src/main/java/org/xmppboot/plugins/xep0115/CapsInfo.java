package org.xmppboot.plugins.xep0115;

import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.DiscoInfo;

/**
 * What the {@code entity_caps} event says: an entity announced capabilities, verified, and this is what they
 * are.
 *
 * @param jid the entity whose presence announced them
 * @param node its software ({@code node} of its {@code <c/>})
 * @param ver the verification string
 * @param info the identities, features and extended information the string stands for
 */
public record CapsInfo(Jid jid, String node, String ver, DiscoInfo info) {
}
