package org.xmppboot.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.xmppboot.BaseXMPP;
import org.xmppboot.spring.listener.HandlerObservation;
import org.xmppboot.spring.metrics.MicrometerHandlerObservation;
import org.xmppboot.spring.metrics.MicrometerStreamObserver;

/**
 * Micrometer meters for the connection, when the application has a {@link MeterRegistry}; with an
 * {@link ObservationRegistry} too (Spring Boot's actuator makes one), observations of handler calls
 * ({@code xmpp.handler}) and of the iq requests the connection sends ({@code xmpp.iq}).
 */
@AutoConfiguration(after = XmppAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, BaseXMPP.class})
public final class XmppMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MicrometerStreamObserver xmppStreamObserver(MeterRegistry registry,
            ObjectProvider<ObservationRegistry> observations, BaseXMPP xmpp) {
        MicrometerStreamObserver observer = new MicrometerStreamObserver(registry,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), xmpp);
        xmpp.setObserver(observer);
        return observer;
    }

    /** Observations of handler calls, for Spring Boot's tracing. */
    @Bean
    @ConditionalOnMissingBean(HandlerObservation.class)
    @ConditionalOnBean(ObservationRegistry.class)
    MicrometerHandlerObservation xmppHandlerObservation(ObservationRegistry registry) {
        return new MicrometerHandlerObservation(registry);
    }
}
