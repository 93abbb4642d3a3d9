package org.xmppboot.spring.listener;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.ConstructorResolver;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.IndexAccessor;
import org.springframework.expression.MethodResolver;
import org.springframework.expression.OperatorOverloader;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypeComparator;
import org.springframework.expression.TypeConverter;
import org.springframework.expression.TypeLocator;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.util.StringUtils;
import org.xmppboot.BaseXMPP;
import org.xmppboot.stanza.StanzaBase;

/**
 * A handler's SpEL {@code condition}, over {@code #data}, {@code #stanza}, {@code #from} and {@code #xmpp}.
 *
 * <p>Stanza conditions run on the read thread for every stanza the handler's matcher accepts (an iq route
 * handler's where the handler runs: the event thread, or an executor thread), and event conditions on the event
 * thread or, for threaded handlers, on several executor threads at once. So everything
 * that does not depend on the stanza is built once, when the endpoint is created: the parsed expression and a
 * {@link StandardEvaluationContext} with its resolvers and property accessors (whose reflection caches then
 * stay warm). That context is never written to after construction, so threads share it safely. What changes
 * per evaluation, the four variables, comes in a small view that delegates everything else to the shared
 * context; {@code #from} is only parsed if the expression asks for it.
 */
final class HandlerCondition {

    private static final Logger log = LoggerFactory.getLogger(HandlerCondition.class);
    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private final Expression expression;
    private final StandardEvaluationContext shared;

    private HandlerCondition(Expression expression) {
        this.expression = expression;
        this.shared = new StandardEvaluationContext();
        // The getters fill their defaults lazily; do it here, once, so concurrent evaluations only ever read.
        shared.getPropertyAccessors();
        shared.getIndexAccessors();
        shared.getConstructorResolvers();
        shared.getMethodResolvers();
        shared.getTypeLocator();
        shared.getTypeConverter();
    }

    /**
     * The condition of a handler method, or null when it has none (and then nothing is evaluated at all).
     *
     * @throws IllegalStateException naming the method, if the expression does not parse
     */
    static @Nullable HandlerCondition parse(String expression, Method method) {
        if (!StringUtils.hasText(expression)) {
            return null;
        }
        try {
            return new HandlerCondition(PARSER.parseExpression(expression));
        } catch (RuntimeException e) {
            throw new IllegalStateException(HandlerMethod.describe(method) + ": bad condition '" + expression
                    + "': " + e.getMessage(), e);
        }
    }

    /**
     * Whether the handler takes this stanza or event. A condition that cannot be evaluated (it throws, or the
     * sender's address is not a JID) is false: it costs this handler the stanza, never the connection.
     */
    boolean test(@Nullable Object data, @Nullable StanzaBase stanza, BaseXMPP xmpp) {
        try {
            return Boolean.TRUE.equals(expression.getValue(new Evaluation(shared, data, stanza, xmpp),
                    Boolean.class));
        } catch (RuntimeException e) {
            log.warn("Condition '{}' failed ({}); the handler is skipped", expression.getExpressionString(),
                    e.getMessage());
            return false;
        }
    }

    @Override
    public String toString() {
        return expression.getExpressionString();
    }

    /** One evaluation's variables over the shared, read-only context. Used by one thread, then dropped. */
    private static final class Evaluation implements EvaluationContext {

        private final StandardEvaluationContext shared;
        private final @Nullable Object data;
        private final @Nullable StanzaBase stanza;
        private final BaseXMPP xmpp;
        private @Nullable Map<String, @Nullable Object> assigned;

        Evaluation(StandardEvaluationContext shared, @Nullable Object data, @Nullable StanzaBase stanza,
                BaseXMPP xmpp) {
            this.shared = shared;
            this.data = data;
            this.stanza = stanza;
            this.xmpp = xmpp;
        }

        @Override
        public @Nullable Object lookupVariable(String name) {
            if (assigned != null && assigned.containsKey(name)) {
                return assigned.get(name);
            }
            return switch (name) {
                case "data" -> data;
                case "stanza" -> stanza;
                case "from" -> stanza == null ? null : stanza.getFrom();
                case "xmpp" -> xmpp;
                default -> null;
            };
        }

        @Override
        public void setVariable(String name, @Nullable Object value) {
            if (assigned == null) {
                assigned = new HashMap<>(4);
            }
            assigned.put(name, value);
        }

        @Override
        public TypedValue getRootObject() {
            return shared.getRootObject();
        }

        @Override
        public List<PropertyAccessor> getPropertyAccessors() {
            return shared.getPropertyAccessors();
        }

        @Override
        public List<IndexAccessor> getIndexAccessors() {
            return shared.getIndexAccessors();
        }

        @Override
        public List<ConstructorResolver> getConstructorResolvers() {
            return shared.getConstructorResolvers();
        }

        @Override
        public List<MethodResolver> getMethodResolvers() {
            return shared.getMethodResolvers();
        }

        @Override
        public @Nullable BeanResolver getBeanResolver() {
            return shared.getBeanResolver();
        }

        @Override
        public TypeLocator getTypeLocator() {
            return shared.getTypeLocator();
        }

        @Override
        public TypeConverter getTypeConverter() {
            return shared.getTypeConverter();
        }

        @Override
        public TypeComparator getTypeComparator() {
            return shared.getTypeComparator();
        }

        @Override
        public OperatorOverloader getOperatorOverloader() {
            return shared.getOperatorOverloader();
        }
    }
}
