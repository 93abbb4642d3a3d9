package org.xmppboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.TlsMode;
import org.xmppboot.component.ComponentConfig;
import org.xmppboot.jid.Jid;
import org.xmppboot.reconnect.ReconnectPolicy;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.Tls;

/**
 * A throwaway Prosody server on loopback, for tests and local development: its own config, data directory and
 * self-signed certificate in a temporary folder, free ports, started in the foreground and stopped (and its
 * folder deleted) by {@link #close()}.
 *
 * <p>Virtual hosts: {@link LocalServer#DOMAIN} (SCRAM-SHA-1 and PLAIN), {@link LocalServer#SHA256_DOMAIN}
 * (stores SHA-256 hashes, so it offers SCRAM-SHA-256), {@link LocalServer#ANONYMOUS_DOMAIN} (SASL ANONYMOUS,
 * for many-connection tests) and {@link LocalServer#PERF_DOMAIN} (for throughput work), both without archive,
 * carbons or offline storage. Its listen backlog takes a thousand connects at once. Components: a
 * MUC service at {@link LocalServer#MUC_DOMAIN}, pubsub, HTTP file upload at {@link #UPLOAD_DOMAIN}, and an
 * external component slot at {@link LocalServer#COMPONENT_DOMAIN} with {@link #componentSecret()}. Encryption
 * is required on c2s unless {@link Options#withoutTls()}; there are no rate limits. {@link LocalEjabberd} is
 * its twin: both implement {@link LocalServer}.
 *
 * <p>For reliability tests: {@link #killHard()} kills the process as a crash would, {@link #restart()} brings it
 * back on the same ports with the same accounts, and XEP-0198 sessions stay resumable for
 * {@link Options#smacksHibernationTime(Duration)} (30 s by default, Prosody's own is 10 minutes). Put a
 * {@link FaultProxy} between client and server to break the network instead of the server.
 *
 * <pre>{@code
 * try (LocalProsody server = LocalProsody.start()) {
 *     Jid bot = server.createUser("bot", "secret");
 *     ClientXMPP client = new ClientXMPP(server.clientConfig(bot, "secret").build());
 *     client.connect().get();
 * }
 * }</pre>
 */
public final class LocalProsody implements LocalServer {

    /** XEP-0363 HTTP file upload (Prosody's mod_http_file_share); {@link LocalEjabberd} has none. */
    public static final String UPLOAD_DOMAIN = "upload.localhost";

    /**
     * The account Prosody's pubsub service at {@link #PUBSUB_DOMAIN} lets create nodes (it lets no other: only
     * its admins may); create it with {@code createUser} to use it.
     */
    public static final String PUBSUB_ADMIN = "pubsub-admin@localhost";

    private static final String INSTALL_HINT = "LocalProsody runs a real Prosody server: install it with "
            + "`apt-get install prosody` (Debian/Ubuntu; as root).";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DEFAULT_SMACKS_HIBERNATION = Duration.ofSeconds(30);

    /** What to start. */
    public static final class Options {
        private boolean tls = true;
        private @Nullable Path baseDirectory;
        private Duration smacksHibernationTime = DEFAULT_SMACKS_HIBERNATION;
        private int preferredClientPort;

        /** A server with no TLS at all (c2s in plaintext): to check that clients refuse it. */
        public Options withoutTls() {
            tls = false;
            return this;
        }

        /** Where the temporary folder goes (default: {@code target/} when it exists, else the system temp). */
        public Options baseDirectory(Path directory) {
            baseDirectory = directory;
            return this;
        }

        /**
         * How long a XEP-0198 session whose connection was lost waits to be resumed before Prosody ends it
         * ({@code smacks_hibernation_time}, whole seconds). 30 s by default: long enough for a test's client to
         * come back, short enough to see the session end within the test; Prosody's own default is 600 s.
         */
        public Options smacksHibernationTime(Duration time) {
            if (time.toSeconds() < 1) {
                throw new IllegalArgumentException("Prosody counts whole seconds; at least 1 s, was " + time);
            }
            smacksHibernationTime = time;
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

        /** Starts the server; it accepts clients when this returns. */
        public LocalProsody start() {
            return LocalProsody.start(this);
        }
    }

    private final Path directory;
    private final Path config;
    private final Path certificate;
    private final boolean tls;
    private final int c2sPort;
    private final int directTlsPort;
    private final int componentPort;
    private final int httpPort;
    private final String componentSecret;
    private final Duration smacksHibernationTime;
    /** Replaced by {@link #restart()}. */
    private volatile Process process;
    private final Duration startupTime;
    private volatile @Nullable SSLContext sslContext;

    private LocalProsody(Path directory, boolean tls, int[] ports, String componentSecret,
            Duration smacksHibernationTime, Process process, Duration startupTime) {
        this.directory = directory;
        this.config = directory.resolve("prosody.cfg.lua");
        this.certificate = directory.resolve("localhost.crt");
        this.tls = tls;
        this.c2sPort = ports[0];
        this.directTlsPort = ports[1];
        this.componentPort = ports[2];
        this.httpPort = ports[3];
        this.componentSecret = componentSecret;
        this.smacksHibernationTime = smacksHibernationTime;
        this.process = process;
        this.startupTime = startupTime;
    }

    /** Options for {@link Options#start()}. */
    public static Options options() {
        return new Options();
    }

    /** Starts a server with the default options. */
    public static LocalProsody start() {
        return start(new Options());
    }

    private static LocalProsody start(Options options) {
        long begin = System.nanoTime();
        Path prosody = LocalServerSupport.findExecutable("prosody", INSTALL_HINT);
        Path directory = null;
        try {
            directory = Files.createTempDirectory(LocalServerSupport.baseDirectory(options.baseDirectory),
                    "prosody-");
            Files.createDirectories(directory.resolve("data"));
            int[] ports = LocalServerSupport.freePorts(4, options.preferredClientPort);
            String secret = LocalServerSupport.randomHex(16);
            if (options.tls) {
                LocalServerSupport.createCertificate(directory, List.of(DOMAIN, SHA256_DOMAIN, ANONYMOUS_DOMAIN,
                        PERF_DOMAIN, MUC_DOMAIN, COMPONENT_DOMAIN, PUBSUB_DOMAIN, UPLOAD_DOMAIN,
                        ProsodyConfig.REGISTRATION_DOMAIN));
            }
            Files.writeString(directory.resolve("prosody.cfg.lua"),
                    ProsodyConfig.lua(directory, options.tls, ports, secret, options.smacksHibernationTime));
            Process process = launch(prosody, directory);
            awaitListeners(process, options.tls, ports, directory);
            return new LocalProsody(directory, options.tls, ports, secret, options.smacksHibernationTime, process,
                    Duration.ofNanos(System.nanoTime() - begin));
        } catch (IOException e) {
            LocalServerSupport.deleteQuietly(directory);
            throw new UncheckedIOException("Could not start Prosody: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LocalServerSupport.deleteQuietly(directory);
            throw e;
        }
    }

    /** Runs Prosody in the foreground; its console output goes (appended, across restarts) to console.log. */
    private static Process launch(Path prosody, Path directory) throws IOException {
        return new ProcessBuilder(prosody.toString(), "--config", directory.resolve("prosody.cfg.lua").toString(),
                "-F")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()))
                .start();
    }

    private static void awaitListeners(Process process, boolean tls, int[] ports, Path directory)
            throws IOException {
        // Prosody opens its listeners one after the other: the component port may come after c2s.
        int[] listening = tls ? new int[] {ports[0], ports[1], ports[2]} : new int[] {ports[0], ports[2]};
        for (int port : listening) {
            awaitPort(process, port, directory);
        }
    }

    private static void awaitPort(Process process, int port, Path dir) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Prosody exited with " + process.exitValue() + " at start-up:\n"
                        + tail(dir.resolve("console.log")) + tail(dir.resolve("prosody.log")));
            }
            if (LocalServerSupport.accepts(port)) {
                return;
            }
            try {
                LocalServerSupport.sleep(20);
            } catch (IOException e) {
                process.destroyForcibly();
                throw new IOException("Interrupted while Prosody started", e);
            }
        }
        process.destroyForcibly();
        throw new IOException("Prosody did not open port " + port + " within " + START_TIMEOUT + ":\n"
                + tail(dir.resolve("prosody.log")));
    }

    private static String tail(Path file) {
        return LocalServerSupport.tail(file, 30);
    }

    // =================================================================== accounts

    @Override
    public String name() {
        return "prosody";
    }

    /** Creates an account on {@link LocalServer#DOMAIN}. */
    @Override
    public Jid createUser(String localpart, String password) {
        return createUser(Jid.of(localpart, DOMAIN, null), password);
    }

    /** Creates an account (any virtual host) with {@code prosodyctl register}; it can log in at once. */
    @Override
    public Jid createUser(Jid jid, String password) {
        if (jid.local() == null) {
            throw new IllegalArgumentException("An account needs a localpart: " + jid);
        }
        try {
            LocalServerSupport.run(directory, Duration.ofSeconds(30), "prosodyctl register",
                    LocalServerSupport.findExecutable("prosodyctl", INSTALL_HINT).toString(), "--config",
                    config.toString(), "register", jid.local(), jid.domain(), password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + jid.bare() + ": " + e.getMessage(), e);
        }
        return jid.bare();
    }

    // =================================================================== connecting to it

    /** Trusts this server's self-signed certificate, and nothing else. */
    @Override
    public SSLContext sslContext() {
        SSLContext context = sslContext;
        if (context == null) {
            if (!tls) {
                throw new IllegalStateException("This server runs without TLS");
            }
            try {
                context = Tls.trusting(certificate);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sslContext = context;
        }
        return context;
    }

    /** A client configuration pointed at this server, trusting its certificate, with no reconnection. */
    @Override
    public ClientConfig.Builder clientConfig(Jid jid, @Nullable String password) {
        ClientConfig.Builder builder = ClientConfig.builder(jid, password)
                .host("127.0.0.1", c2sPort)
                .reconnect(ReconnectPolicy.DISABLED);
        return tls ? builder.sslContext(sslContext()) : builder.tls(TlsMode.OPTIONAL);
    }

    /** A configuration for the external component slot at {@link LocalServer#COMPONENT_DOMAIN}. */
    @Override
    public ComponentConfig componentConfig() {
        return ComponentConfig.of(COMPONENT_DOMAIN, componentSecret, "127.0.0.1", componentPort)
                .withStream(StreamConfig.defaults().withName(COMPONENT_DOMAIN));
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int c2sPort() {
        return c2sPort;
    }

    /** The XEP-0368 direct TLS port. */
    @Override
    public int directTlsPort() {
        return directTlsPort;
    }

    @Override
    public int componentPort() {
        return componentPort;
    }

    /** The HTTP port (file upload). */
    public int httpPort() {
        return httpPort;
    }

    @Override
    public String componentSecret() {
        return componentSecret;
    }

    /** False when started {@link Options#withoutTls()}. */
    public boolean hasTls() {
        return tls;
    }

    /** The PEM certificate clients must trust. */
    @Override
    public Path certificate() {
        return certificate;
    }

    /** How long {@link #start()} took, from nothing to an open c2s port. */
    @Override
    public Duration startupTime() {
        return startupTime;
    }

    /** How long Prosody keeps a XEP-0198 session resumable after its connection is lost. */
    public Duration smacksHibernationTime() {
        return smacksHibernationTime;
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    // =================================================================== crashing and coming back

    /**
     * Kills the server as a crash would ({@code kill -9}): no stream is closed, no session is saved, and clients
     * learn of it only from the kernel, which closes their connections. Returns when the process is gone.
     * Accounts and other stored data survive (Prosody's internal storage writes each change when it happens),
     * so {@link #restart()} brings back the same server. {@link #close()} still deletes everything.
     */
    public synchronized void killHard() {
        Process p = process;
        p.destroyForcibly(); // SIGKILL on Unix
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Prosody (pid " + p.pid() + ") survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing Prosody", e);
        }
    }

    /**
     * Starts the server again with the same configuration, data and ports (the same certificate, accounts and
     * component secret); returns when it accepts clients. A server still running is stopped first, as
     * {@link #close()} stops it, but its folder is kept. Clients connected before are not told anything here:
     * they saw their connections end when the old process went.
     *
     * @throws UncheckedIOException when it does not come back (another process took one of its ports, say);
     *     the message has the log's tail
     */
    public synchronized void restart() {
        if (process.isAlive()) {
            stop();
        }
        try {
            Process started = launch(LocalServerSupport.findExecutable("prosody", INSTALL_HINT), directory);
            process = started;
            awaitListeners(started, tls, new int[] {c2sPort, directTlsPort, componentPort, httpPort}, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart Prosody: " + e.getMessage(), e);
        }
    }

    /** The server's log, for diagnosing a failed test. */
    @Override
    public String log() {
        return tail(directory.resolve("prosody.log"));
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its folder. */
    @Override
    public synchronized void close() {
        stop();
        LocalServerSupport.deleteQuietly(directory);
    }

    private void stop() {
        Process p = process;
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "LocalProsody[c2s=" + c2sPort + ", tls=" + tls + ", dir=" + directory + "]";
    }
}
