package org.xmppboot.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Starts the {@link LocalProsody} of a {@link ProsodyTest} class and resolves it as a parameter. */
public final class ProsodyExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ProsodyExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalProsody.class;
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
        ExtensionContext owner = isolated ? classContext(context) : context.getRoot();
        String key = isolated ? "server:" + owner.getUniqueId() : "server:shared";
        // JUnit closes AutoCloseable values when their store closes: the server stops with its owner.
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> {
            LocalProsody.Options options = LocalProsody.options();
            if (settings.withoutTls()) {
                options.withoutTls();
            }
            return options.start();
        }, LocalProsody.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
