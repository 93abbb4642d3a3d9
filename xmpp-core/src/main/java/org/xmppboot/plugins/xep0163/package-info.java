/**
 * XEP-0163 Personal Eventing Protocol: pubsub nodes on the account itself. A bot publishes to its own nodes
 * (its avatar, its tune, anything) and, by saying which nodes it is interested in ({@code node+notify}
 * features, which XEP-0115 carries in its presence), hears its contacts' publications as
 * {@code pubsub_publish} events. See {@link org.xmppboot.plugins.xep0163.PersonalEventing}.
 */
@NullMarked
package org.xmppboot.plugins.xep0163;

import org.jspecify.annotations.NullMarked;
