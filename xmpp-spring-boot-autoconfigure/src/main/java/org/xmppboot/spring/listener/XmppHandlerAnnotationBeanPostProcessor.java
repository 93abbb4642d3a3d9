package org.xmppboot.spring.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppCommand;
import org.xmppboot.spring.annotation.XmppEvent;

/**
 * Discovery only, as spring-kafka's {@code KafkaListenerAnnotationBeanPostProcessor}: finds
 * {@link StanzaHandler}, {@link XmppEvent} and {@link XmppCommand} methods on every bean (behind AOP proxies too)
 * and, once all singletons exist, turns each into an {@link XmppHandlerEndpoint} and registers it with the {@link XmppHandlerEndpointRegistry}, which starts
 * it. What happens per stanza or event lives in the endpoints and their {@code HandlerAdapter}. A method whose
 * annotation or signature can never work fails start-up, naming the method and the parameter.
 */
public class XmppHandlerAnnotationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware,
        SmartInitializingSingleton {

    /** An annotated method found on a bean, waiting for the connection to exist. */
    private record Found(String beanName, Object bean, Method method, Object annotation) {
    }

    private final List<Found> pending = new ArrayList<>();
    private @Nullable BeanFactory beanFactory;
    private boolean singletonsReady;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> target = AopUtils.getTargetClass(bean);
        List<Found> found = new ArrayList<>();
        MethodIntrospector.selectMethods(target, (MethodIntrospector.MetadataLookup<StanzaHandler>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, StanzaHandler.class))
                .forEach((m, a) -> found.add(new Found(beanName, bean, invocable(m, bean), a)));
        MethodIntrospector.selectMethods(target, (MethodIntrospector.MetadataLookup<XmppEvent>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, XmppEvent.class))
                .forEach((m, a) -> found.add(new Found(beanName, bean, invocable(m, bean), a)));
        MethodIntrospector.selectMethods(target, (MethodIntrospector.MetadataLookup<XmppCommand>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, XmppCommand.class))
                .forEach((m, a) -> found.add(new Found(beanName, bean, invocable(m, bean), a)));
        if (!found.isEmpty()) {
            synchronized (pending) {
                if (singletonsReady) {
                    found.forEach(this::register);
                } else {
                    pending.addAll(found);
                }
            }
        }
        return bean;
    }

    /** The method to call on the bean as the container holds it (the proxy's, for an AOP proxy). */
    private static Method invocable(Method method, Object bean) {
        return AopUtils.selectInvocableMethod(method, bean.getClass());
    }

    @Override
    public void afterSingletonsInstantiated() {
        synchronized (pending) {
            singletonsReady = true;
            pending.forEach(this::register);
            pending.clear();
        }
    }

    private void register(Found found) {
        BeanFactory factory = requireBeanFactory();
        BaseXMPP xmpp = factory.getBean(BaseXMPP.class);
        XmppHandlerEndpointRegistry registry = factory.getBean(XmppHandlerEndpointRegistry.class);
        XmppHandlerErrorHandler errorHandler = factory.getBeanProvider(XmppHandlerErrorHandler.class)
                .getIfUnique();
        HandlerObservation observation = factory.getBeanProvider(HandlerObservation.class).getIfUnique();
        String defaultId = found.beanName + "." + found.method.getName();
        if (found.annotation instanceof StanzaHandler a) {
            String room = factory instanceof ConfigurableBeanFactory c ? c.resolveEmbeddedValue(a.room()) : a.room();
            registry.register(StanzaHandlerEndpoint.create(StringUtils.hasText(a.id()) ? a.id() : defaultId,
                    found.bean, found.method, a, xmpp, errorHandler, observation, room == null ? "" : room));
        } else if (found.annotation instanceof XmppCommand a) {
            registry.register(CommandEndpoint.create(StringUtils.hasText(a.id()) ? a.id() : defaultId, found.bean,
                    found.method, a, xmpp, factory.getBean(Environment.class), errorHandler, observation));
        } else {
            XmppEvent a = (XmppEvent) found.annotation;
            registry.register(EventHandlerEndpoint.create(StringUtils.hasText(a.id()) ? a.id() : defaultId,
                    found.bean, found.method, a, xmpp, errorHandler, observation));
        }
    }

    private BeanFactory requireBeanFactory() {
        if (beanFactory == null) {
            throw new IllegalStateException("No bean factory");
        }
        return beanFactory;
    }
}
