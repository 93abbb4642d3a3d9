package org.xmppboot.test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The class template behind {@link XmppServerTest}: one invocation of the class per {@link ServerKind}, each
 * with a resolver for that server. Class-level parameters ({@code @BeforeAll}, {@code @AfterAll}) belong to no
 * invocation: JUnit runs those methods once around all of them, so asking for a server there is an error that
 * says so.
 */
public final class XmppServerExtension implements ClassTemplateInvocationContextProvider, ParameterResolver {

    @Override
    public boolean supportsClassTemplate(ExtensionContext context) {
        return context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, XmppServerTest.class))
                .orElse(false);
    }

    @Override
    public Stream<? extends ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
            ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        XmppServerTest settings = AnnotationSupport.findAnnotation(testClass, XmppServerTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException("No @XmppServerTest on " + testClass));
        if (settings.value().length == 0) {
            throw new ExtensionConfigurationException("@XmppServerTest on " + testClass.getName()
                    + " names no server: leave value() out for all of them");
        }
        return Arrays.stream(settings.value()).distinct().map(Invocation::new);
    }

    /**
     * Only for the {@code @BeforeAll}/{@code @AfterAll} methods of the template class itself, which belong to
     * no invocation ({@link ServerResolver} answers everywhere else, @Nested classes' class methods included), to
     * explain why there is no server there.
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return isServerType(parameter.getParameter().getType())
                && parameter.getDeclaringExecutable() instanceof Method method
                && (AnnotationSupport.isAnnotated(method, BeforeAll.class)
                        || AnnotationSupport.isAnnotated(method, AfterAll.class))
                && context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, XmppServerTest.class))
                        .orElse(false);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        throw new ParameterResolutionException("No server for " + parameter.getDeclaringExecutable() + ": "
                + "@BeforeAll and @AfterAll methods of an @XmppServerTest class run once around all its server "
                + "runs (JUnit class templates), so they belong to no server. Take the server in a constructor or "
                + "a @BeforeEach/@AfterEach or test method instead.");
    }

    private static boolean isServerType(Class<?> type) {
        return type == LocalServer.class || type == LocalProsody.class || type == LocalEjabberd.class;
    }

    /** One run of the class against one server. */
    private record Invocation(ServerKind kind) implements ClassTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.serverName() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new ServerResolver(kind));
        }
    }

    /**
     * Starts (or reuses) the server as the invocation begins, so a server that cannot start fails that
     * invocation, and resolves it as a parameter.
     */
    private record ServerResolver(ServerKind kind)
            implements BeforeClassTemplateInvocationCallback, ParameterResolver {

        @Override
        public void beforeClassTemplateInvocation(ExtensionContext context) {
            kind.shared(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return isServerType(parameter.getParameter().getType());
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            if (!type.isAssignableFrom(kind.type())) {
                throw new ParameterResolutionException("This run of " + context.getRequiredTestClass()
                        .getSimpleName() + " is against " + kind.serverName() + ", not a " + type.getSimpleName()
                        + ": declare a LocalServer parameter, or restrict the class with @XmppServerTest("
                        + ServerKind.class.getSimpleName() + "." + kindOf(type) + ")");
            }
            return kind.shared(context);
        }

        private static String kindOf(Class<?> type) {
            return Arrays.stream(ServerKind.values()).filter(k -> k.type() == type).findFirst()
                    .map(Enum::name).orElse("?");
        }
    }
}
