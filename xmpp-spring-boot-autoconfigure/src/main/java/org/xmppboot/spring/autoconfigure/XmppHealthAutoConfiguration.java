package org.xmppboot.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.xmppboot.BaseXMPP;
import org.xmppboot.spring.health.XmppHealthIndicator;

/** The {@code xmpp} health indicator, when Spring Boot's health support is present. */
@AutoConfiguration(after = XmppAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(BaseXMPP.class)
@ConditionalOnEnabledHealthIndicator("xmpp")
public final class XmppHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "xmppHealthIndicator")
    XmppHealthIndicator xmppHealthIndicator(BaseXMPP xmpp) {
        return new XmppHealthIndicator(xmpp);
    }
}
