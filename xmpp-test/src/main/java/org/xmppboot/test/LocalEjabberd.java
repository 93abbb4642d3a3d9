package org.xmppboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.Tls;

/**
 * A throwaway ejabberd server on loopback, the twin of {@link LocalProsody}: its own config, Mnesia spool, logs
 * and self-signed certificate in a temporary folder, free ports, a private Erlang node (own name, cookie and
 * distribution port, no epmd), started with {@code ejabberdctl foreground} and stopped, with every process it
 * spawned, by {@link #close()} (or by a JVM shutdown hook if a test run is aborted).
 *
 * <p>It serves the names of {@link LocalServer}: {@link LocalServer#DOMAIN} (SCRAM-SHA-1 hashes),
 * {@link LocalServer#SHA256_DOMAIN} ({@code auth_scram_hash: sha256}), {@link LocalServer#ANONYMOUS_DOMAIN}
 * (SASL ANONYMOUS), {@link LocalServer#PERF_DOMAIN}, MUC at {@link LocalServer#MUC_DOMAIN}, pubsub at
 * {@link LocalServer#PUBSUB_DOMAIN} and the XEP-0114 component {@link LocalServer#COMPONENT_DOMAIN}. c2s
 * requires STARTTLS; {@link #directTlsPort()} is TLS from the first byte; there are no shapers.
 *
 * <p>Accounts are created with the {@code register} command over ejabberd's HTTP API on a loopback port, which
 * runs in the server (tens of milliseconds); {@code ejabberdctl register} does the same but boots an Erlang VM
 * per call (about a second): choose it with {@link Options#accountsWithEjabberdctl()}.
 *
 * <pre>{@code
 * try (LocalEjabberd server = LocalEjabberd.start()) {
 *     Jid bot = server.createUser("bot", "secret");
 *     ClientXMPP client = new ClientXMPP(server.clientConfig(bot, "secret").build());
 *     client.connect().get();
 * }
 * }</pre>
 *
 * <p>Where it differs from Prosody: passwords with characters that Unicode 3.2 lacks (⚡, emoji) are refused
 * (ejabberd checks them with stringprep); SCRAM-*-PLUS is offered but needs tls-unique, which Java cannot
 * produce (the client's default choice copes, see {@link ClientConfig#retryWithoutChannelBinding()}); MUC and
 * pubsub are offered through
 * {@link LocalServer#DOMAIN} only; there is no HTTP upload service.
 *
 * <p>Several component connections for {@link LocalServer#COMPONENT_DOMAIN} are accepted; ejabberd picks one at
 * random per stanza unless {@link Options#componentBalancing(String, int)} makes it hash a JID instead.
 * {@link #stop()} and {@link #restart()} keep the folder (accounts, database); {@link LocalEjabberdCluster}
 * joins several of these servers into one cluster.
 *
 * <p>Needs the {@code ejabberd} package (Debian's 23.01 is what this is tested with). Started as root,
 * ejabberdctl runs ejabberd as the {@code ejabberd} user, so the folder is handed to that user (and must lie
 * under directories others may enter); as another user, it runs as that user.
 */
public final class LocalEjabberd implements LocalServer {

    private static final String INSTALL_HINT = "LocalEjabberd runs a real ejabberd server: install it with "
            + "`apt-get install ejabberd` (Debian/Ubuntu; as root).";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int STOP_GRACE_SECONDS = 5;
    private static final Duration STOP_GRACE = Duration.ofSeconds(STOP_GRACE_SECONDS);
    /** mod_http_api logs each call's arguments at info level, account passwords included. */
    private static final Pattern LOGGED_PASSWORD = Pattern.compile("(<<\"password\">>,\\s*)<<.*?>>(?=\\})");

    /** What to start. */
    public static final class Options {
        private @Nullable Path baseDirectory;
        private @Nullable Path ejabberdctl;
        private boolean accountsWithEjabberdctl;
        private Duration startTimeout = Duration.ofSeconds(60);
        private int preferredClientPort;
        private @Nullable ComponentBalancing componentBalancing;
        private EjabberdConfig.@Nullable Identity identity;
        private int sharedDistributionPort;
        private @Nullable String componentSecret;

        /** Where the temporary folder goes (default: {@code target/} when it exists, else the system temp). */
        public Options baseDirectory(Path directory) {
            baseDirectory = directory;
            return this;
        }

        /** The {@code ejabberdctl} script to use (default: found on the PATH or in /usr/sbin). */
        public Options ejabberdctl(Path script) {
            ejabberdctl = script;
            return this;
        }

        /**
         * Creates accounts with {@code ejabberdctl register} (an Erlang VM per account, about 1 s each) instead of
         * the same command over the loopback HTTP API (tens of milliseconds).
         */
        public Options accountsWithEjabberdctl() {
            accountsWithEjabberdctl = true;
            return this;
        }

        /** How long to wait for the server (default 60 s: an Erlang VM on a loaded CI machine can be slow). */
        public Options startTimeout(Duration timeout) {
            startTimeout = timeout;
            return this;
        }

        /**
         * The client port to use when it is free (say 5222, so that a client configured once keeps working across
         * runs); when it is taken, or with 0 (the default), any free port.
         */
        public Options preferredClientPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            preferredClientPort = port;
            return this;
        }

        /**
         * Spreads the stanzas for {@link LocalServer#COMPONENT_DOMAIN} over several component connections by
         * {@code type} (ejabberd's {@code domain_balancing}); see {@link ComponentBalancing} for the types and
         * why {@code componentNumber} is required (2 to 1000). Connect exactly {@code componentNumber} components:
         * stanzas hashed to a slot that has none are dropped.
         *
         * @throws IllegalArgumentException at once for a type ejabberd does not know or a number it refuses
         */
        public Options componentBalancing(String type, int componentNumber) {
            return componentBalancing(new ComponentBalancing(type, componentNumber));
        }

        /** {@link #componentBalancing(String, int)}, already validated. */
        public Options componentBalancing(ComponentBalancing balancing) {
            componentBalancing = balancing;
            return this;
        }

        /**
         * Makes this server a node of a cluster: its Erlang identity, the distribution port all the nodes share,
         * and the component secret they share (so a component may log in to any of them).
         */
        Options clusterNode(EjabberdConfig.Identity node, int distributionPort, String secret) {
            identity = node;
            sharedDistributionPort = distributionPort;
            componentSecret = secret;
            return this;
        }

        /** Starts the server; it accepts clients and commands when this returns. */
        public LocalEjabberd start() {
            return LocalEjabberd.start(this);
        }
    }

    private final Path directory;
    private final Path certificate;
    private final EjabberdConfig.Ports ports;
    private final String componentSecret;
    private final String node;
    private final @Nullable ComponentBalancing componentBalancing;
    private final EjabberdCtl ctl;
    private final EjabberdApi api;
    private final boolean accountsWithEjabberdctl;
    private final Duration startTimeout;
    private final EjabberdProcesses processes;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Duration startupTime = Duration.ZERO;
    private volatile @Nullable SSLContext sslContext;

    private LocalEjabberd(Path directory, EjabberdConfig.Ports ports, String componentSecret, String node,
            EjabberdCtl ctl, Options options, Process process) {
        this.directory = directory;
        this.certificate = directory.resolve("localhost.crt");
        this.ports = ports;
        this.componentSecret = componentSecret;
        this.node = node;
        this.componentBalancing = options.componentBalancing;
        this.ctl = ctl;
        this.api = new EjabberdApi(ports.http());
        this.accountsWithEjabberdctl = options.accountsWithEjabberdctl;
        this.startTimeout = options.startTimeout;
        this.processes = new EjabberdProcesses(process, directory);
        // An aborted run (Ctrl-C, a killed Maven fork that still runs hooks) must not leave an Erlang VM behind.
        this.shutdownHook = new Thread(this::killNow, "LocalEjabberd-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Options for {@link Options#start()}. */
    public static Options options() {
        return new Options();
    }

    /** Starts a server with the default options. */
    public static LocalEjabberd start() {
        return start(new Options());
    }

    private static LocalEjabberd start(Options options) {
        long begin = System.nanoTime();
        Path script = options.ejabberdctl != null ? options.ejabberdctl
                : LocalServerSupport.findExecutable("ejabberdctl", INSTALL_HINT);
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("'" + script + "' is not an executable ejabberdctl. " + INSTALL_HINT);
        }
        Path directory = null;
        LocalEjabberd server = null;
        try {
            directory = Files.createTempDirectory(base(options.baseDirectory), "ejabberd-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(directory.resolve("spool"));
            Files.createDirectories(directory.resolve("logs"));
            EjabberdConfig.Ports ports = EjabberdConfig.Ports.of(
                    LocalServerSupport.freePorts(5, options.preferredClientPort));
            EjabberdConfig.Identity identity = options.identity;
            if (identity == null) {
                identity = EjabberdConfig.Identity.standalone();
            } else {
                ports = ports.withDistribution(options.sharedDistributionPort);
            }
            String secret = options.componentSecret != null ? options.componentSecret
                    : LocalServerSupport.randomHex(16);
            writeFiles(directory, ports, secret, identity, options.componentBalancing);
            EjabberdCtl ctl = EjabberdCtl.prepare(script, directory);
            Process process = ctl.startForeground(directory.resolve("console.log"));
            server = new LocalEjabberd(directory, ports, secret, identity.node(), ctl, options, process);
            server.awaitStarted(options.startTimeout);
            server.startupTime = Duration.ofNanos(System.nanoTime() - begin);
            return server;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            } else {
                LocalServerSupport.deleteQuietly(directory);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("Could not start ejabberd: " + e.getMessage(), (IOException) e);
        }
    }

    /** target/ (or the temp dir); as root it must be enterable by the ejabberd user, else the temp dir. */
    static Path base(@Nullable Path configured) {
        Path base = LocalServerSupport.baseDirectory(configured);
        if (configured == null && "root".equals(System.getProperty("user.name"))
                && !EjabberdCtl.enterableByOthers(base)) {
            return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        }
        return base;
    }

    private static void writeFiles(Path dir, EjabberdConfig.Ports ports, String secret,
            EjabberdConfig.Identity identity, @Nullable ComponentBalancing balancing) throws IOException {
        LocalServerSupport.createCertificate(dir, List.of(DOMAIN, SHA256_DOMAIN, ANONYMOUS_DOMAIN, PERF_DOMAIN,
                MUC_DOMAIN, PUBSUB_DOMAIN, COMPONENT_DOMAIN));
        // ejabberd reads the key and the certificate from one PEM file (certfiles).
        Path pem = dir.resolve("server.pem");
        Files.createFile(pem, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pem, Files.readString(dir.resolve("localhost.key")) + Files.readString(
                dir.resolve("localhost.crt")));
        Files.writeString(dir.resolve("ejabberd.yml"), EjabberdConfig.yaml(dir, ports, secret, balancing));
        Files.writeString(dir.resolve("ejabberdctl.cfg"), EjabberdConfig.ctlConfig(dir, identity.node(), ports));
        Path vmArgs = dir.resolve("vm.args");
        Files.createFile(vmArgs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(vmArgs, EjabberdConfig.vmArgs(identity.cookie(), identity.address()));
        // Erlang reads $ERL_INETRC (ejabberdctl points it here) and warns when it is missing.
        Files.writeString(dir.resolve("inetrc"), "");
    }

    /**
     * Waits until the client and component ports accept connections (each listener starts on its own) and the
     * node runs commands ({@code status} over the HTTP API, whose listener starts once the application has).
     */
    private void awaitStarted(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException lastApiError = null;
        while (System.nanoTime() < deadline) {
            if (!processes.isAlive()) {
                throw new IllegalStateException("ejabberd exited with " + processes.exitValue() + " at start-up"
                        + (ctl.switchesTo() != null ? " (running as user '" + ctl.switchesTo() + "')" : "")
                        + ":\n" + diagnostics());
            }
            if (LocalServerSupport.accepts(ports.c2s()) && LocalServerSupport.accepts(ports.directTls())
                    && LocalServerSupport.accepts(ports.component())) {
                try {
                    String status = api.call("status", Map.of());
                    if (status.contains("started")) {
                        return;
                    }
                    lastApiError = new IOException("status: " + status);
                } catch (IOException e) {
                    lastApiError = e;
                }
            }
            LocalServerSupport.sleep(25);
        }
        throw new IllegalStateException("ejabberd did not start within " + timeout + " (c2s port " + ports.c2s()
                + (lastApiError != null ? "; last status check: " + lastApiError.getMessage() : "") + "):\n"
                + diagnostics());
    }

    /** ejabberd.log, or what the scripts and the VM printed when it failed before its logger started. */
    private String diagnostics() {
        String log = log();
        return log.isBlank() ? LocalServerSupport.tail(directory.resolve("console.log"), 30) : log;
    }

    // =================================================================== accounts and commands

    @Override
    public String name() {
        return "ejabberd";
    }

    /**
     * Creates an account (any virtual host) with ejabberd's {@code register} command: over the loopback HTTP API,
     * or with {@code ejabberdctl register} if so {@linkplain Options#accountsWithEjabberdctl() chosen}. A password
     * with characters outside Unicode 3.2 is refused ("The password contains unacceptable characters").
     */
    @Override
    public Jid createUser(Jid jid, String password) {
        String local = jid.local();
        if (local == null) {
            throw new IllegalArgumentException("An account needs a localpart: " + jid);
        }
        try {
            if (accountsWithEjabberdctl) {
                ctl.run(COMMAND_TIMEOUT, "register", local, jid.domain(), password);
            } else {
                api.call("register", Map.of("user", local, "host", jid.domain(), "password", password));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + jid.bare() + ": " + e.getMessage(), e);
        }
        return jid.bare();
    }

    /**
     * Runs an {@code ejabberdctl} command against this node (a new Erlang VM, about 1 s) and returns its output,
     * e.g. {@code ejabberdctl("registered_users", "localhost")}. A non-zero exit is an exception.
     */
    public String ejabberdctl(String... arguments) {
        try {
            return ctl.run(COMMAND_TIMEOUT, arguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    // =================================================================== clustering

    /**
     * The Erlang nodes of the cluster this node runs in, itself included, as ejabberd's {@code list_cluster}
     * command reports them (the nodes whose Mnesia is running and connected): a standalone server lists only
     * {@link #node()}.
     */
    public List<String> clusterNodes() {
        try {
            return EjabberdApi.strings(api.call("list_cluster", Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException("list_cluster on " + node + ": " + e.getMessage(), e);
        }
    }

    /**
     * Joins the cluster of {@code seedNode} with {@code ejabberdctl join_cluster}: ejabberd stops here, drops this
     * node's own database, copies the cluster's, and starts again (listeners included). Returns when this node
     * accepts clients and commands again. Both nodes need the same cookie and must reach each other. Not over
     * the HTTP API: the command stops the very node that would be serving the call.
     */
    void joinCluster(String seedNode) {
        try {
            // A failed join ({error, Reason}: no ping, say) is a non-zero exit, hence an exception here.
            ctl.run(COMMAND_TIMEOUT, "join_cluster", seedNode);
            awaitStarted(startTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not join " + seedNode + " from " + node + ": " + e.getMessage()
                    + "\n" + diagnostics(), e);
        }
    }

    // =================================================================== connecting to it

    @Override
    public SSLContext sslContext() {
        SSLContext context = sslContext;
        if (context == null) {
            try {
                context = Tls.trusting(certificate);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sslContext = context;
        }
        return context;
    }

    /**
     * A client configuration pointed at this server, trusting its certificate, with no reconnection. ejabberd
     * 23.01 offers SCRAM-*-PLUS but accepts only the tls-unique binding, which Java cannot produce; the client's
     * default choice copes with that (see {@link ClientConfig#retryWithoutChannelBinding()}).
     */
    @Override
    public ClientConfig.Builder clientConfig(Jid jid, @Nullable String password) {
        return ClientConfig.builder(jid, password)
                .host(host(), ports.c2s())
                .reconnect(ReconnectPolicy.DISABLED)
                .sslContext(sslContext());
    }

    @Override
    public ComponentConfig componentConfig() {
        return ComponentConfig.of(COMPONENT_DOMAIN, componentSecret, host(), ports.component())
                .withStream(StreamConfig.defaults().withName(COMPONENT_DOMAIN));
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int c2sPort() {
        return ports.c2s();
    }

    @Override
    public int directTlsPort() {
        return ports.directTls();
    }

    @Override
    public int componentPort() {
        return ports.component();
    }

    /** The loopback HTTP port of ejabberd's API (mod_http_api at {@code /api}). */
    public int httpPort() {
        return ports.http();
    }

    @Override
    public String componentSecret() {
        return componentSecret;
    }

    @Override
    public Path certificate() {
        return certificate;
    }

    /** The component domain's {@code domain_balancing}, or null for ejabberd's default (random). */
    public @Nullable ComponentBalancing componentBalancing() {
        return componentBalancing;
    }

    /** The Erlang node name, unique to this server (for {@code ejabberdctl --node} or a log search). */
    public String node() {
        return node;
    }

    @Override
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    public boolean isRunning() {
        return !closed.get() && processes.isAlive();
    }

    /** ejabberd.log, whose level is {@code -Dxmpp.ejabberd.loglevel} (default info); deleted by {@link #close()}. */
    public Path logFile() {
        return directory.resolve("logs").resolve("ejabberd.log");
    }

    /** The last lines of ejabberd.log, with the passwords that ejabberd logs for API calls masked. */
    @Override
    public String log() {
        String tail = LocalServerSupport.tail(logFile(), 40);
        return LOGGED_PASSWORD.matcher(tail).replaceAll("$1<<\"***\">>");
    }

    // =================================================================== stopping

    /**
     * Stops the node as {@link #close()} does but keeps its folder: accounts, the Mnesia database and the
     * cluster it joined survive, and {@link #restart()} brings the same server back. Clients connected to it see
     * their streams closed.
     */
    public synchronized void stop() {
        if (closed.get()) {
            throw new IllegalStateException("Closed: " + this);
        }
        processes.stop(STOP_GRACE);
    }

    /**
     * Starts the node again from its folder with the same configuration, data, ports and node name (so a node
     * that had joined a cluster rejoins it); returns when it accepts clients and commands. A node still running
     * is {@linkplain #stop() stopped} first.
     *
     * @throws IllegalStateException when it does not come back; the message has the log's tail
     */
    public synchronized void restart() {
        if (closed.get()) {
            throw new IllegalStateException("Closed: " + this);
        }
        if (processes.isAlive()) {
            processes.stop(STOP_GRACE);
        }
        try {
            processes.started(ctl.startForeground(directory.resolve("console.log")));
            awaitStarted(startTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart ejabberd: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the node gracefully (SIGTERM to the Erlang VM, which runs {@code init:stop()}; about 1 s), kills
     * whatever of its process tree is left after {@value #STOP_GRACE_SECONDS} s, and deletes the folder.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills the same processes
        }
        synchronized (this) {
            processes.stop(STOP_GRACE);
        }
        LocalServerSupport.deleteQuietly(directory);
    }

    private void killNow() {
        if (closed.compareAndSet(false, true)) {
            processes.kill();
            LocalServerSupport.deleteQuietly(directory);
        }
    }

    @Override
    public String toString() {
        return "LocalEjabberd[c2s=" + ports.c2s() + ", node=" + node + ", dir=" + directory + "]";
    }
}
