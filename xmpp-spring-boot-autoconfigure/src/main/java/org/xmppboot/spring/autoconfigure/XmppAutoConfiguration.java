package org.xmppboot.spring.autoconfigure;

import java.util.List;
import java.util.concurrent.Executor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.plugin.PluginRegistry;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.spring.listener.XmppHandlerAnnotationBeanPostProcessor;
import org.xmppboot.spring.listener.XmppHandlerEndpointRegistry;

/**
 * The XMPP connection ({@link ClientXMPP}, or {@link ComponentXMPP} with {@code xmpp.mode=component}), its
 * lifecycle, and the annotated handlers. Every bean here backs off when the application defines its own.
 *
 * <p>Where the connection goes is the {@link XmppConnectionDetails} bean: from the properties unless a
 * development service or the application supplies one. Both connection kinds are built the same way, by one
 * {@link XmppConnectionFactory}; they are two bean methods only so that each bean is declared with its exact
 * type, which lets the application inject a {@code ClientXMPP} (or {@code ComponentXMPP}) before the connection
 * exists.
 */
@AutoConfiguration(after = {TaskExecutionAutoConfiguration.class, SslAutoConfiguration.class})
@EnableConfigurationProperties({XmppProperties.class, XmppPluginProperties.class})
public final class XmppAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(XmppConnectionDetails.class)
    PropertiesXmppConnectionDetails xmppConnectionDetails(XmppProperties properties,
            ObjectProvider<SslBundles> sslBundles) {
        return new PropertiesXmppConnectionDetails(properties, sslBundles.getIfAvailable());
    }

    /**
     * @param applicationTaskExecutor Spring Boot's task executor, for threaded handlers (virtual threads with
     *     {@code spring.threads.virtual.enabled=true}), unless {@code xmpp.handler-executor.use-application-task-executor=false}
     */
    @Bean
    @ConditionalOnMissingBean(BaseXMPP.class)
    XmppConnectionFactory xmppConnectionFactory(XmppProperties properties, XmppConnectionDetails details,
            @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME)
            ObjectProvider<Executor> applicationTaskExecutor, ObjectProvider<XmppConnectionCustomizer> customizers) {
        Executor executor = properties.getHandlerExecutor().isUseApplicationTaskExecutor()
                ? applicationTaskExecutor.getIfAvailable() : null;
        return new XmppConnectionFactory(properties, details, executor, customizers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean(BaseXMPP.class)
    @ConditionalOnProperty(name = "xmpp.mode", havingValue = "client", matchIfMissing = true)
    ClientXMPP xmppConnection(XmppConnectionFactory factory) {
        return factory.client();
    }

    @Bean
    @ConditionalOnMissingBean(BaseXMPP.class)
    @ConditionalOnProperty(name = "xmpp.mode", havingValue = "component")
    ComponentXMPP xmppComponentConnection(XmppConnectionFactory factory) {
        return factory.component();
    }

    /** An {@code xmpp.mode} that is neither: start-up fails naming the property, before anything needs the bean. */
    @Bean
    @ConditionalOnMissingBean(BaseXMPP.class)
    @Conditional(UnknownModeCondition.class)
    BaseXMPP xmppUnknownMode(Environment environment) {
        throw new InvalidXmppPropertyException("xmpp.mode", "'" + environment.getProperty("xmpp.mode")
                + "' is not a connection mode", "Use client (an account) or component (XEP-0114).");
    }

    @Bean
    @ConditionalOnMissingBean
    XmppConnectionLifecycle xmppConnectionLifecycle(BaseXMPP xmpp, XmppProperties properties,
            XmppPluginProperties pluginProperties, ObjectProvider<XmppPlugin> plugins, Environment environment) {
        List<String> available = PluginRegistry.availableNames();
        for (String name : properties.getPlugins()) {
            if (!available.contains(name.strip())) {
                throw new InvalidXmppPropertyException("xmpp.plugins", "there is no plugin named '" + name
                        + "' on the class path", "Use some of " + String.join(", ", available) + ".");
            }
        }
        List<XmppPlugin> beans = plugins.orderedStream().toList();
        xmpp.plugins().addCustomizer(new PluginPropertiesCustomizer(pluginProperties,
                environment.getProperty("spring.application.name", "xmpp-boot"), beans));
        if (properties.getShutdownTimeout().isNegative()) {
            throw new InvalidXmppPropertyException("xmpp.shutdown-timeout", "is negative",
                    "Use a duration such as 10s, or 0 to close without waiting for the handlers.");
        }
        return new XmppConnectionLifecycle(xmpp, beans, properties.getPlugins(), properties.isAutoStartup(),
                properties.getShutdownTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    XmppHandlerEndpointRegistry xmppHandlerEndpointRegistry() {
        return new XmppHandlerEndpointRegistry();
    }

    @Bean
    @ConditionalOnMissingBean
    static XmppHandlerAnnotationBeanPostProcessor xmppHandlerAnnotationBeanPostProcessor() {
        return new XmppHandlerAnnotationBeanPostProcessor();
    }
}
