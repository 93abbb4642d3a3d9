package org.xmppboot.plugins.xep0077;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.StreamClosedException;

/**
 * XEP-0077 In-Band Registration, the client side.
 *
 * <p>Creating an account happens before logging in, so it is part of connecting: with
 * {@link InBandRegistrationConfig#createAccount()} the plugin adds a stream feature that registers the
 * client's own JID and password just before SASL, on the client's first connection, after which the client
 * logs in with them as usual. {@link #createAccount(ClientConfig, Map)} wraps that for tests and tools that
 * create accounts: one connection that registers, logs in to prove it, and disconnects; a refusal fails it
 * with a {@link RegistrationException} ({@code conflict} for a taken name, {@code not-acceptable},
 * {@code not-allowed}, ...). For a bot that keeps the setting on, a refused registration fails that connection
 * (with the server's error as the cause of the failure), and the next connection logs in without registering.
 *
 * <p>Once logged in: {@link #changePassword} (§3.3), {@link #cancelRegistration} (§3.2) and
 * {@link #getRegistration} (§3.1, what the server knows of the account). They fail with a
 * {@link RegistrationException}. Raises no events.
 */
public class InBandRegistration extends BasePlugin {

    public static final String NAME = "xep_0077";
    public static final String NAMESPACE = "jabber:iq:register";

    private volatile InBandRegistrationConfig config;
    private volatile @Nullable RegistrationFeature feature;

    public InBandRegistration() {
        this(InBandRegistrationConfig.DEFAULT);
    }

    public InBandRegistration(InBandRegistrationConfig config) {
        super(NAME);
        this.config = config;
    }

    /** Replaces the settings; before connecting. */
    public InBandRegistration configure(InBandRegistrationConfig config) {
        this.config = config;
        return this;
    }

    public InBandRegistrationConfig config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        ClientXMPP client = context.unwrap(ClientXMPP.class);
        if (!config.createAccount() || client == null || feature != null) {
            return;
        }
        ClientConfig account = client.clientConfig();
        String username = account.jid().local();
        if (username == null) {
            throw new IllegalStateException("Creating an account needs a JID with a local part, not "
                    + account.jid());
        }
        RegistrationFeature registration = new RegistrationFeature(username, account.password(),
                () -> config.fields());
        feature = registration;
        client.features().register(registration);
    }

    /** Whether this plugin's client registered its account (with {@code createAccount}). */
    public boolean accountCreated() {
        RegistrationFeature f = feature;
        return f != null && f.isRegistered();
    }

    // ---------------------------------------------------------------- creating an account in one call

    /** {@link #createAccount(ClientConfig, Map)} without other fields. */
    public static CompletableFuture<Jid> createAccount(ClientConfig config) {
        return createAccount(config, Map.of());
    }

    /**
     * Creates the account of {@code config} (its JID's local part, its password) on its server: connects once,
     * registers, logs in with the new account, disconnects. Completes with the JID the session was bound to.
     *
     * @param fields values for other fields the server asks for, by name
     * @return fails with a {@link RegistrationException} when the server refuses, or with the connection's
     *     failure when it could not connect or log in
     */
    public static CompletableFuture<Jid> createAccount(ClientConfig config, Map<String, String> fields) {
        // One attempt, no roster, no presence: a short session that only proves the account works.
        ClientConfig once = config.toBuilder().fetchRoster(false).sendInitialPresence(false)
                .reconnect(ReconnectPolicy.DISABLED).build();
        ClientXMPP client = new ClientXMPP(once);
        InBandRegistration plugin = new InBandRegistration(new InBandRegistrationConfig(true, fields));
        client.registerPlugin(plugin);
        CompletableFuture<Jid> created = new CompletableFuture<>();
        client.connect().whenComplete((jid, failure) -> {
            Throwable outcome = failure == null ? null : plugin.explain(failure, config.jid());
            client.disconnect().whenComplete((closed, ignored) -> {
                if (outcome != null) {
                    created.completeExceptionally(outcome);
                } else {
                    created.complete(jid);
                }
            });
        });
        return created;
    }

    /** A failed connection as a {@link RegistrationException} when the registration was what failed. */
    private Throwable explain(Throwable failure, Jid account) {
        RegistrationFeature f = feature;
        if (f == null) {
            return failure;
        }
        RegistrationException local = f.refusedLocally();
        if (local != null) {
            return local;
        }
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StanzaErrorException)) {
            cause = cause.getCause();
        }
        return f.failedDuringRegistration() && cause instanceof StanzaErrorException error
                ? RegistrationException.refused("Registering " + account.bare(), error) : failure;
    }

    // ---------------------------------------------------------------- once logged in

    /** Asks what the server knows of our registration and what it would ask (XEP-0077 §3.1, Example 1). */
    public CompletableFuture<RegistrationForm> getRegistration() {
        Iq get = context().makeIq(Iq.Type.GET, serverJid());
        get.enableExtension(RegisterQuery.SCHEMA);
        return get.send().handle((result, failure) -> {
            check(failure, "Asking for the registration form");
            RegisterQuery query = result.extension(RegisterQuery.SCHEMA);
            return RegistrationForm.of(query == null ? RegisterQuery.create() : query);
        });
    }

    /**
     * Changes our password (XEP-0077 §3.3): takes effect for the next login; this session goes on. Fails with a
     * {@link RegistrationException} when the server refuses ({@code not-authorized} when it wants more than the
     * username and password, {@code not-allowed}, {@code bad-request}).
     */
    public CompletableFuture<Void> changePassword(String newPassword) {
        Jid self = boundJid();
        Iq set = context().makeIq(Iq.Type.SET, self.domainJid());
        set.enableExtension(RegisterQuery.SCHEMA).setField("username", String.valueOf(self.local()))
                .setField("password", newPassword);
        return set.send().handle((result, failure) -> {
            check(failure, "Changing the password of " + self.bare());
            return null;
        });
    }

    /**
     * Deletes our account (XEP-0077 §3.2). The server then ends our session, and may do so before it answers:
     * the stream closing after the request counts as done. Disconnect the client afterwards, or it tries to log
     * in again with an account that is gone.
     */
    public CompletableFuture<Void> cancelRegistration() {
        Jid self = boundJid();
        Iq set = context().makeIq(Iq.Type.SET, null);
        set.enableExtension(RegisterQuery.SCHEMA).set("remove", true);
        return set.send().handle((result, failure) -> {
            if (unwrap(failure) instanceof StreamClosedException) {
                return null;
            }
            check(failure, "Cancelling the registration of " + self.bare());
            return null;
        });
    }

    private Jid boundJid() {
        Jid self = context().boundJid();
        if (self == null || self.local() == null) {
            throw new IllegalStateException("Log in first: there is no account to change");
        }
        return self;
    }

    private @Nullable Jid serverJid() {
        Jid self = context().boundJid();
        return self == null ? null : self.domainJid();
    }

    private static void check(@Nullable Throwable failure, String what) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StanzaErrorException error) {
            throw RegistrationException.refused(what, error);
        }
        if (cause != null) {
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        }
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
