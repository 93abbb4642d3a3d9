package org.xmppboot.spring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.xmppboot.roster.InMemoryRosterStore;
import org.xmppboot.roster.Roster;
import org.xmppboot.roster.RosterStore;

/**
 * The account's roster (RFC 6121) for a client bot: pushes answered, versioning, and presence subscription
 * requests answered by {@code xmpp.roster.subscription-policy}, so that contacts see the bot online. It is a
 * plugin bean like any other; a {@link RosterStore} bean of the application's keeps the roster between runs.
 */
@AutoConfiguration(after = XmppAutoConfiguration.class)
@ConditionalOnProperty(name = "xmpp.mode", havingValue = "client", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "xmpp.roster.enabled", matchIfMissing = true)
public final class XmppRosterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Roster xmppRoster(XmppProperties properties, ObjectProvider<RosterStore> store) {
        return new Roster(store.getIfAvailable(InMemoryRosterStore::new),
                properties.getRoster().getSubscriptionPolicy().policy());
    }
}
