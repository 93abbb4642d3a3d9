package org.xmppboot.spring.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.util.StringUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.EventHandler;
import org.xmppboot.stream.HandlerException;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.spring.annotation.StanzaHandler;
import org.xmppboot.spring.annotation.XmppEvent;

/**
 * Finds {@link StanzaHandler} and {@link XmppEvent} methods on every bean (behind AOP proxies too) and, once
 * all singletons exist, registers each on the connection through the {@link XmppHandlerEndpointRegistry}.
 * A method whose signature can never match fails start-up, naming the method and the parameter.
 */
public class XmppHandlerAnnotationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware,
        SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(XmppHandlerAnnotationBeanPostProcessor.class);

    private record Found(String beanName, Object bean, Method method, Object annotation) {
    }

    private final SpelExpressionParser parser = new SpelExpressionParser();
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
        Map<Method, StanzaHandler> stanzaHandlers = MethodIntrospector.selectMethods(target,
                (MethodIntrospector.MetadataLookup<StanzaHandler>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, StanzaHandler.class));
        stanzaHandlers.forEach((m, a) -> found.add(new Found(beanName, bean, invocable(m, bean), a)));
        Map<Method, XmppEvent> eventHandlers = MethodIntrospector.selectMethods(target,
                (MethodIntrospector.MetadataLookup<XmppEvent>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, XmppEvent.class));
        eventHandlers.forEach((m, a) -> found.add(new Found(beanName, bean, invocable(m, bean), a)));
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
        String defaultId = found.beanName + "." + found.method.getName();
        if (found.annotation instanceof StanzaHandler a) {
            registry.register(stanzaEndpoint(found, a, xmpp, errorHandler,
                    StringUtils.hasText(a.id()) ? a.id() : defaultId));
        } else {
            XmppEvent a = (XmppEvent) found.annotation;
            registry.register(eventEndpoint(found, a, xmpp, errorHandler,
                    StringUtils.hasText(a.id()) ? a.id() : defaultId));
        }
    }

    private BeanFactory requireBeanFactory() {
        if (beanFactory == null) {
            throw new IllegalStateException("No bean factory");
        }
        return beanFactory;
    }

    // =================================================================== stanza handlers

    private XmppHandlerEndpoint stanzaEndpoint(Found found, StanzaHandler a, BaseXMPP xmpp,
            @Nullable XmppHandlerErrorHandler errorHandler, String id) {
        HandlerMethod method = HandlerMethod.forStanzas(found.bean, found.method, xmpp.getClass());
        Class<? extends StanzaBase> parameterType = method.stanzaType();
        Class<? extends StanzaBase> annotationType = a.type();
        Matcher base = matcher(a, parameterType, annotationType, found.method);
        Expression condition = condition(a.condition(), found.method);
        Matcher matcher = stanza -> parameterType.isInstance(stanza) && annotationType.isInstance(stanza)
                && base.matches(stanza) && test(condition, stanza, stanza, xmpp);
        HandlerInvocation invocation = new HandlerInvocation(id, method, xmpp, errorHandler);
        StreamHandler handler = StreamHandler.of(id, matcher, stanza -> {
            if (a.threaded()) {
                xmpp.executeThreaded(stanza.xml().attribute("from"), () -> runLogged(id, invocation, stanza));
            } else {
                run(id, invocation, stanza);
            }
        });
        return new Endpoint(id, "stanza " + base, () -> xmpp.registerHandler(handler),
                () -> xmpp.removeHandler(id));
    }

    private static Matcher matcher(StanzaHandler a, Class<? extends StanzaBase> parameterType,
            Class<? extends StanzaBase> annotationType, Method method) {
        int given = (StringUtils.hasText(a.path()) ? 1 : 0) + (StringUtils.hasText(a.xpath()) ? 1 : 0)
                + (StringUtils.hasText(a.mask()) ? 1 : 0);
        if (given > 1) {
            throw new IllegalStateException(HandlerMethod.describe(method)
                    + ": give one of path, xpath and mask, not several");
        }
        try {
            if (StringUtils.hasText(a.path())) {
                return Matcher.stanzaPath(a.path());
            }
            if (StringUtils.hasText(a.xpath())) {
                return Matcher.xpath(a.xpath());
            }
            if (StringUtils.hasText(a.mask())) {
                return Matcher.mask(a.mask());
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": bad matcher: " + e.getMessage(), e);
        }
        Class<?> type = parameterType != StanzaBase.class ? parameterType : annotationType;
        String kind = Message.class.isAssignableFrom(type) ? "message"
                : Presence.class.isAssignableFrom(type) ? "presence"
                : Iq.class.isAssignableFrom(type) ? "iq" : null;
        if (kind == null) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": say which stanzas it handles: a "
                    + "path, xpath or mask, or a Message, Presence or Iq parameter");
        }
        return Matcher.stanzaPath(kind);
    }

    private static void run(String id, HandlerInvocation invocation, Object payload) {
        try {
            invocation.run(payload);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new HandlerException(id, t, payload);
        }
    }

    private static void runLogged(String id, HandlerInvocation invocation, Object payload) {
        try {
            invocation.run(payload);
        } catch (Throwable t) {
            LOG.error("Threaded handler '{}' failed", id, t);
        }
    }

    // =================================================================== event handlers

    private XmppHandlerEndpoint eventEndpoint(Found found, XmppEvent a, BaseXMPP xmpp,
            @Nullable XmppHandlerErrorHandler errorHandler, String id) {
        if (!StringUtils.hasText(a.value())) {
            throw new IllegalStateException(HandlerMethod.describe(found.method) + ": @XmppEvent needs an event name");
        }
        HandlerMethod method = HandlerMethod.forEvents(found.bean, found.method, xmpp.getClass());
        Expression condition = condition(a.condition(), found.method);
        HandlerInvocation invocation = new HandlerInvocation(id, method, xmpp, errorHandler);
        EventHandler handler = data -> {
            if (method.accepts(data) && test(condition, data, data instanceof StanzaBase s ? s : null, xmpp)) {
                run(id, invocation, data);
            }
        };
        return new Endpoint(id, "event " + a.value(),
                () -> xmpp.addEventHandler(a.value(), handler, a.threaded(), a.disposable()),
                () -> xmpp.removeEventHandler(a.value(), handler));
    }

    // =================================================================== conditions

    private @Nullable Expression condition(String expression, Method method) {
        if (!StringUtils.hasText(expression)) {
            return null;
        }
        try {
            return parser.parseExpression(expression);
        } catch (RuntimeException e) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": bad condition '" + expression
                    + "': " + e.getMessage(), e);
        }
    }

    private static boolean test(@Nullable Expression condition, @Nullable Object data, @Nullable StanzaBase stanza,
            BaseXMPP xmpp) {
        if (condition == null) {
            return true;
        }
        StandardEvaluationContext context = new StandardEvaluationContext();
        context.setVariable("data", data);
        context.setVariable("stanza", stanza);
        context.setVariable("from", stanza == null ? null : stanza.getFrom());
        context.setVariable("xmpp", xmpp);
        try {
            return Boolean.TRUE.equals(condition.getValue(context, Boolean.class));
        } catch (RuntimeException e) {
            // Conditions run on the read thread: a failing one must cost this handler, not the connection.
            LOG.warn("Condition '{}' failed ({}); the handler is skipped", condition.getExpressionString(),
                    e.getMessage());
            return false;
        }
    }

    /** An endpoint that registers and unregisters itself on the connection. */
    private static final class Endpoint implements XmppHandlerEndpoint {
        private final String id;
        private final String description;
        private final Runnable register;
        private final Runnable unregister;
        private boolean running;

        Endpoint(String id, String description, Runnable register, Runnable unregister) {
            this.id = id;
            this.description = description;
            this.register = register;
            this.unregister = unregister;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public synchronized boolean isRunning() {
            return running;
        }

        @Override
        public synchronized void start() {
            if (!running) {
                register.run();
                running = true;
            }
        }

        @Override
        public synchronized void stop() {
            if (running) {
                unregister.run();
                running = false;
            }
        }

        @Override
        public String toString() {
            return id + " (" + description + ")";
        }
    }
}
