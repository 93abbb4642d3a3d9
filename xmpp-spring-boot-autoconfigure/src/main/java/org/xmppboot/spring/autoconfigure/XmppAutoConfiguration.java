package org.xmppboot.spring.autoconfigure;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.xmppboot.BaseXMPP;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.component.ComponentXMPP;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.spring.listener.XmppHandlerAnnotationBeanPostProcessor;
import org.xmppboot.spring.listener.XmppHandlerEndpointRegistry;

/**
 * The XMPP connection ({@link ClientXMPP}, or {@link ComponentXMPP} with {@code xmpp.mode=component}), its
 * lifecycle, and the annotated handlers. Every bean here backs off when the application defines its own.
 */
@AutoConfiguration(after = {TaskExecutionAutoConfiguration.class, SslAutoConfiguration.class})
@EnableConfigurationProperties(XmppProperties.class)
public class XmppAutoConfiguration {

    static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

    @Bean
    @ConditionalOnMissingBean(BaseXMPP.class)
    @ConditionalOnProperty(name = "xmpp.mode", havingValue = "client", matchIfMissing = true)
    ClientXMPP xmppConnection(XmppProperties properties, ObjectProvider<SslBundles> sslBundles,
            BeanFactory beanFactory, ObjectProvider<XmppConnectionDetails> details,
            ObjectProvider<XmppConnectionCustomizer> customizers) {
        ClientXMPP client = factory(properties, sslBundles, beanFactory, details).client();
        customizers.orderedStream().forEach(c -> c.customize(client));
        return client;
    }

    @Bean
    @ConditionalOnMissingBean(BaseXMPP.class)
    @ConditionalOnProperty(name = "xmpp.mode", havingValue = "component")
    ComponentXMPP xmppComponentConnection(XmppProperties properties, ObjectProvider<SslBundles> sslBundles,
            BeanFactory beanFactory, ObjectProvider<XmppConnectionDetails> details,
            ObjectProvider<XmppConnectionCustomizer> customizers) {
        ComponentXMPP component = factory(properties, sslBundles, beanFactory, details).component();
        customizers.orderedStream().forEach(c -> c.customize(component));
        return component;
    }

    private static XmppConnectionFactory factory(XmppProperties properties, ObjectProvider<SslBundles> sslBundles,
            BeanFactory beanFactory, ObjectProvider<XmppConnectionDetails> details) {
        // Spring Boot's task executor: virtual threads with spring.threads.virtual.enabled=true.
        Executor executor = beanFactory.containsBean(APPLICATION_TASK_EXECUTOR)
                ? beanFactory.getBean(APPLICATION_TASK_EXECUTOR, Executor.class) : null;
        return new XmppConnectionFactory(properties, sslBundles.getIfAvailable(), executor, details.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    XmppConnectionLifecycle xmppConnectionLifecycle(BaseXMPP xmpp, XmppProperties properties,
            ObjectProvider<XmppPlugin> plugins) {
        return new XmppConnectionLifecycle(xmpp, plugins.orderedStream().toList(), properties.getPlugins(),
                properties.isAutoStartup());
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
