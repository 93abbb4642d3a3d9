package org.xmppboot.spring.listener;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/** Which {@code @StanzaHandler} methods are core iq handlers, and what such a method may return. */
final class IqRoutes {

    /** {@code iq@type=get/{namespace}element} or {@code iq@type=set/...}: a request and its payload, nothing else. */
    private static final Pattern ROUTE = Pattern.compile("iq@type=(get|set)/\\{([^{}]+)}([^/@{}]+)");

    private IqRoutes() {
    }

    /** The route a stanza path names, or null when it names anything else (then it is a plain stream handler). */
    static @Nullable IqRoute route(String path) {
        java.util.regex.Matcher m = ROUTE.matcher(path);
        if (!m.matches()) {
            return null;
        }
        return m.group(1).equals("get") ? IqRoute.get(m.group(2), m.group(3)) : IqRoute.set(m.group(2), m.group(3));
    }

    /**
     * @throws IllegalStateException naming the method, when what it is declared to return can never be the
     *     response to an iq request (a {@code String}, a {@code Message}, ...)
     */
    static void checkReturnType(Method method, IqRoute route) {
        ResolvableType type = ResolvableType.forMethodReturnType(method);
        Class<?> raw = type.resolve(Object.class);
        while (CompletionStage.class.isAssignableFrom(raw)) {
            type = type.as(CompletionStage.class).getGeneric(0);
            raw = type.resolve(Object.class);
        }
        if (!canAnswer(raw)) {
            throw new IllegalStateException(HandlerMethod.describe(method) + " answers " + route + " but returns a "
                    + raw.getName() + ", which is no iq response. An iq handler returns nothing (an empty result), "
                    + "an XmlElement (the result's payload), an Iq result or error, or a CompletionStage of one.");
        }
    }

    private static boolean canAnswer(Class<?> type) {
        return type == void.class || type == Void.class || type.isAssignableFrom(Iq.class)
                || Iq.class.isAssignableFrom(type) || type.isAssignableFrom(XmlElement.class);
    }
}
