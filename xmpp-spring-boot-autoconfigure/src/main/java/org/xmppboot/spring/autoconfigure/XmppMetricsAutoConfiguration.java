package org.xmppboot.spring.autoconfigure;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.xmppboot.BaseXMPP;
import org.xmppboot.component.ComponentConfig;
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

    /**
     * In component mode, a {@code replica} tag on every {@code xmpp.*} meter, so that the replicas of one
     * component are told apart on a dashboard (and sum up without it).
     */
    @Bean
    @ConditionalOnProperty(name = "xmpp.mode", havingValue = "component")
    static MeterFilter xmppReplicaMeterFilter(Environment environment) {
        String configured = environment.getProperty("xmpp.component.replica-id");
        String replica = configured != null && !configured.isBlank() ? configured
                : ComponentConfig.defaultReplicaId();
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("xmpp.") ? id.withTag(Tag.of("replica", replica)) : id;
            }
        };
    }

    /** Observations of handler calls, for Spring Boot's tracing. */
    @Bean
    @ConditionalOnMissingBean(HandlerObservation.class)
    @ConditionalOnBean(ObservationRegistry.class)
    MicrometerHandlerObservation xmppHandlerObservation(ObservationRegistry registry) {
        return new MicrometerHandlerObservation(registry);
    }
}
