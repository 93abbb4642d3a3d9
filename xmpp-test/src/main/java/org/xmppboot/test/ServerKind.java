package org.xmppboot.test;

import org.junit.jupiter.api.extension.ExtensionContext;

/** The servers {@link XmppServerTest} can run a test class against. */
public enum ServerKind {

    /** {@link LocalProsody}: the same shared instance {@link ProsodyTest} classes get. */
    PROSODY("prosody", LocalProsody.class),

    /** {@link LocalEjabberd}. */
    EJABBERD("ejabberd", LocalEjabberd.class);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ServerKind.class);

    private final String serverName;
    private final Class<? extends LocalServer> type;

    ServerKind(String serverName, Class<? extends LocalServer> type) {
        this.serverName = serverName;
        this.type = type;
    }

    /** What {@link LocalServer#name()} of this kind answers: {@code "prosody"} or {@code "ejabberd"}. */
    public String serverName() {
        return serverName;
    }

    /** The class of this kind's servers. */
    public Class<? extends LocalServer> type() {
        return type;
    }

    /**
     * The one server of this kind for the whole test run, started on first use. It lives in the root context's
     * store, which JUnit closes (stopping the server) when the run ends; a start that failed fails again at once
     * for every later class instead of waiting out the timeout once per class.
     */
    LocalServer shared(ExtensionContext context) {
        return switch (this) {
            case PROSODY -> ProsodyExtension.shared(context);
            case EJABBERD -> context.getRoot().getStore(NAMESPACE).computeIfAbsent("ejabberd:shared",
                    k -> LocalEjabberd.start(), LocalEjabberd.class);
        };
    }
}
