package org.xmppboot.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.xmppboot.BaseXMPP;
import org.xmppboot.spring.metrics.MicrometerStreamObserver;

/** Micrometer meters for the connection, when the application has a {@link MeterRegistry}. */
@AutoConfiguration(after = XmppAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, BaseXMPP.class})
public final class XmppMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerStreamObserver xmppStreamObserver(MeterRegistry registry, BaseXMPP xmpp) {
        MicrometerStreamObserver observer = new MicrometerStreamObserver(registry, xmpp);
        xmpp.setObserver(observer);
        return observer;
    }
}
