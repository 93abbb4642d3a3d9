package org.xmppboot.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the {@link LocalProsody} of a {@link ProsodyTest} class and resolves it as a {@link LocalProsody} or
 * {@link LocalServer} parameter.
 */
public final class ProsodyExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ProsodyExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalProsody.class || type == LocalServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return server(context);
    }

    private static LocalProsody server(ExtensionContext context) {
        ProsodyTest settings = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, ProsodyTest.class))
                .orElseThrow(() -> new ParameterResolutionException("No @ProsodyTest on the test class"));
        boolean isolated = settings.isolated() || settings.withoutTls();
        if (!isolated) {
            return shared(context);
        }
        ExtensionContext owner = classContext(context);
        // JUnit closes AutoCloseable values when their store closes: the server stops with its owner.
        return owner.getStore(NAMESPACE).computeIfAbsent("server:" + owner.getUniqueId(), k -> {
            LocalProsody.Options options = LocalProsody.options();
            if (settings.withoutTls()) {
                options.withoutTls();
            }
            return options.start();
        }, LocalProsody.class);
    }

    /**
     * The default server shared by the whole run: every non-isolated {@link ProsodyTest} class and the
     * {@link ServerKind#PROSODY} invocations of {@link XmppServerTest} classes. It lives in the root store, which
     * JUnit closes at the end of the run.
     */
    static LocalProsody shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent("server:shared", k -> LocalProsody.start(),
                LocalProsody.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
