/**
 * XEP-0060 Publish-Subscribe: a bot creates and configures nodes on a pubsub service, publishes and retracts
 * items, subscribes to nodes, reads their items, and hears of new items as events ({@code pubsub_publish},
 * {@code pubsub_retract}, ...). {@link org.xmppboot.plugins.xep0060.PubSub} is the plugin;
 * {@link org.xmppboot.plugins.xep0060.PubSubEvent} the notifications' wire format.
 */
@NullMarked
package org.xmppboot.plugins.xep0060;

import org.jspecify.annotations.NullMarked;
