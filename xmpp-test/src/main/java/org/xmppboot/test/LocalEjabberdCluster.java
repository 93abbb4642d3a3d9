package org.xmppboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/**
 * A throwaway ejabberd cluster on loopback: two (or more) {@link LocalEjabberd} nodes in one temporary folder,
 * joined with {@code ejabberdctl join_cluster}, sharing one Mnesia database (accounts, sessions, routes). Every
 * node serves the same hosts and the same XEP-0114 listener config with the same secret, so a client or a
 * component may connect to any node and reach everyone on the others.
 *
 * <p>Each node is a private Erlang node: its own name, folder, spool, logs and ports, and one cookie shared by
 * the cluster only. Distribution goes without epmd, and an epmd-less node looks for every other node on its own
 * distribution port, so the nodes share that port and listen on different loopback addresses: node {@code i}
 * (from 0) is {@code xmppboot-<random>-<i+1>@127.0.0.<i+1>}. Clients and components still use 127.0.0.1 and
 * each node's own ports ({@link #node(int)}).
 *
 * <pre>{@code
 * try (LocalEjabberdCluster cluster = LocalEjabberdCluster.start()) {
 *     Jid user = cluster.createUser("alice", "secret");            // visible to every node
 *     ClientXMPP client = new ClientXMPP(cluster.node(0).clientConfig(user, "secret").build());
 *     ComponentXMPP bot = new ComponentXMPP(cluster.node(1).componentConfig());
 * }
 * }</pre>
 *
 * <p>Starting takes about as long as one node plus the join (ejabberd restarts on the joining node): some
 * seconds per node. {@link #close()} stops every node and deletes the folder, also after a failed start.
 */
public final class LocalEjabberdCluster implements AutoCloseable {

    /** How many nodes {@link #start()} runs. */
    public static final int DEFAULT_NODES = 2;
    /** Loopback addresses 127.0.0.1 to 127.0.0.9: one per node. */
    private static final int MAX_NODES = 9;
    private static final int PORT_ATTEMPTS = 20;

    /** What to start. */
    public static final class Options {
        private @Nullable Path baseDirectory;
        private @Nullable Path ejabberdctl;
        private int nodes = DEFAULT_NODES;
        private @Nullable ComponentBalancing componentBalancing;
        private Duration startTimeout = Duration.ofSeconds(90);

        /** Where the cluster's temporary folder goes (default as for {@link LocalEjabberd}). */
        public Options baseDirectory(Path directory) {
            baseDirectory = directory;
            return this;
        }

        /** The {@code ejabberdctl} script to use (default: found on the PATH or in /usr/sbin). */
        public Options ejabberdctl(Path script) {
            ejabberdctl = script;
            return this;
        }

        /** How many nodes, 2 to 9 (default {@value LocalEjabberdCluster#DEFAULT_NODES}). */
        public Options nodes(int count) {
            if (count < 2 || count > MAX_NODES) {
                throw new IllegalArgumentException("A cluster here has 2 to " + MAX_NODES + " nodes: " + count);
            }
            nodes = count;
            return this;
        }

        /**
         * The same {@code domain_balancing} on every node (the route table it acts on is shared, so the nodes
         * must agree); see {@link LocalEjabberd.Options#componentBalancing(String, int)}.
         */
        public Options componentBalancing(String type, int componentNumber) {
            componentBalancing = new ComponentBalancing(type, componentNumber);
            return this;
        }

        /** How long to wait for each node, and for the cluster to form (default 90 s). */
        public Options startTimeout(Duration timeout) {
            startTimeout = timeout;
            return this;
        }

        /** Starts the nodes and joins them; every node lists every other when this returns. */
        public LocalEjabberdCluster start() {
            return LocalEjabberdCluster.start(this);
        }
    }

    private final Path directory;
    private final List<LocalEjabberd> nodes;
    private final Duration startTimeout;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalEjabberdCluster(Path directory, List<LocalEjabberd> nodes, Duration startTimeout) {
        this.directory = directory;
        this.nodes = Collections.unmodifiableList(nodes);
        this.startTimeout = startTimeout;
        // Each node's own hook kills its processes and deletes its folder; this one takes the empty parent.
        this.shutdownHook = new Thread(() -> LocalServerSupport.deleteQuietly(directory),
                "LocalEjabberdCluster-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Options for {@link Options#start()}. */
    public static Options options() {
        return new Options();
    }

    /** Starts a cluster of {@value #DEFAULT_NODES} nodes. */
    public static LocalEjabberdCluster start() {
        return new Options().start();
    }

    private static LocalEjabberdCluster start(Options options) {
        Path directory = null;
        LocalEjabberdCluster cluster;
        try {
            directory = Files.createTempDirectory(LocalEjabberd.base(options.baseDirectory), "ejabberd-cluster-");
            // Each node's folder goes in here, and the ejabberd user must be able to enter it.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            cluster = new LocalEjabberdCluster(directory, startNodes(options, directory), options.startTimeout);
        } catch (IOException | RuntimeException e) {
            LocalServerSupport.deleteQuietly(directory);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("Could not start the ejabberd cluster: " + e.getMessage(),
                    (IOException) e);
        }
        try {
            String seed = cluster.node(0).node();
            // One at a time: each join rewrites the cluster's Mnesia schema.
            for (LocalEjabberd node : cluster.nodes.subList(1, cluster.size())) {
                node.joinCluster(seed);
            }
            cluster.awaitMembers();
            return cluster;
        } catch (RuntimeException e) {
            try {
                cluster.close();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    /** Starts every node at once (each is an Erlang VM booting for seconds); all or none. */
    private static List<LocalEjabberd> startNodes(Options options, Path directory) throws IOException {
        String cookie = LocalServerSupport.randomHex(16);
        String secret = LocalServerSupport.randomHex(16);
        String name = "xmppboot-" + LocalServerSupport.randomHex(6);
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= options.nodes; i++) {
            addresses.add("127.0.0." + i);
        }
        int distributionPort = portFreeOnAll(addresses);
        ExecutorService starter = Executors.newFixedThreadPool(options.nodes, r -> {
            Thread t = new Thread(r, "LocalEjabberdCluster-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<LocalEjabberd>> futures = new ArrayList<>();
            for (int i = 0; i < options.nodes; i++) {
                String address = addresses.get(i);
                EjabberdConfig.Identity identity = new EjabberdConfig.Identity(name + "-" + (i + 1) + "@" + address,
                        address, cookie);
                LocalEjabberd.Options node = LocalEjabberd.options().baseDirectory(directory)
                        .startTimeout(options.startTimeout).clusterNode(identity, distributionPort, secret);
                if (options.ejabberdctl != null) {
                    node.ejabberdctl(options.ejabberdctl);
                }
                if (options.componentBalancing != null) {
                    node.componentBalancing(options.componentBalancing);
                }
                futures.add(starter.submit(node::start));
            }
            return collect(futures);
        } finally {
            starter.shutdown();
        }
    }

    /** Every started node, or the first failure after closing the nodes that did start. */
    private static List<LocalEjabberd> collect(List<Future<LocalEjabberd>> futures) {
        List<LocalEjabberd> started = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<LocalEjabberd> future : futures) {
            try {
                started.add(future.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("Interrupted while starting the cluster", e);
                }
            }
        }
        if (failure != null) {
            RuntimeException alsoFailed = closeAll(started);
            if (alsoFailed != null) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
        return started;
    }

    /** A port free on every address a moment ago, for the distribution listener all nodes share. */
    private static int portFreeOnAll(List<String> addresses) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = LocalServerSupport.freePorts(1)[0];
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (String address : addresses) {
                    ServerSocket socket = new ServerSocket();
                    held.add(socket);
                    socket.bind(new InetSocketAddress(address, port));
                }
                return port;
            } catch (IOException taken) {
                last = taken;
            } finally {
                for (ServerSocket socket : held) {
                    socket.close();
                }
            }
        }
        throw new IOException("No port free on all of " + addresses + " after " + PORT_ATTEMPTS + " tries", last);
    }

    /**
     * Waits until every running node lists every running node: the join command returns once Mnesia has
     * copied the tables, and the others learn of the new node a moment later.
     */
    private void awaitMembers() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        List<String> expected = runningNodeNames();
        String last = "";
        while (true) {
            StringBuilder seen = new StringBuilder();
            boolean complete = true;
            for (LocalEjabberd node : nodes) {
                if (node.isRunning()) {
                    List<String> listed = node.clusterNodes();
                    seen.append(node.node()).append(" lists ").append(listed).append("; ");
                    complete &= listed.containsAll(expected);
                }
            }
            if (complete) {
                return;
            }
            last = seen.toString();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The cluster did not form within " + startTimeout + ": " + last);
            }
            try {
                LocalServerSupport.sleep(100);
            } catch (IOException interrupted) {
                throw new IllegalStateException("Interrupted while waiting for the cluster", interrupted);
            }
        }
    }

    private List<String> runningNodeNames() {
        return nodes.stream().filter(LocalEjabberd::isRunning).map(LocalEjabberd::node).toList();
    }

    // =================================================================== nodes

    /** Node {@code i} (from 0): its ports, configs for clients and components, its commands. */
    public LocalEjabberd node(int i) {
        return nodes.get(i);
    }

    /** All the nodes, in order. */
    public List<LocalEjabberd> nodes() {
        return nodes;
    }

    /** How many nodes the cluster has (running or stopped). */
    public int size() {
        return nodes.size();
    }

    /** The Erlang node names, in order. */
    public List<String> nodeNames() {
        return nodes.stream().map(LocalEjabberd::node).toList();
    }

    /**
     * Creates an account through node 0; the database is shared, so it can log in to any node at once
     * (see {@link LocalEjabberd#createUser(Jid, String)}).
     */
    public Jid createUser(Jid jid, String password) {
        return nodes.get(0).createUser(jid, password);
    }

    /** Creates an account on {@link LocalServer#DOMAIN}, through node 0. */
    public Jid createUser(String localpart, String password) {
        return createUser(Jid.of(localpart, LocalServer.DOMAIN, null), password);
    }

    /**
     * Stops node {@code i}, keeping its folder (see {@link LocalEjabberd#stop()}); its clients and components
     * lose their connections, and the other nodes carry on without it.
     */
    public void stopNode(int i) {
        nodes.get(i).stop();
    }

    /**
     * Starts node {@code i} again from its folder; it rejoins the cluster by itself (its Mnesia schema names the
     * other nodes). Returns when every running node lists every running node again.
     */
    public void startNode(int i) {
        nodes.get(i).restart();
        awaitMembers();
    }

    // =================================================================== stopping

    /** Stops every node, leaves no process behind and deletes the folder. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook deletes the same folder
        }
        List<LocalEjabberd> reversed = new ArrayList<>(nodes);
        Collections.reverse(reversed);
        RuntimeException failure = closeAll(reversed);
        LocalServerSupport.deleteQuietly(directory);
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes every node, even when some fail; returns the first failure with the others suppressed. */
    private static @Nullable RuntimeException closeAll(List<LocalEjabberd> nodes) {
        RuntimeException failure = null;
        for (LocalEjabberd node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    @Override
    public String toString() {
        return "LocalEjabberdCluster" + nodeNames() + "[dir=" + directory + "]";
    }
}
