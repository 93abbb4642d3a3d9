package org.xmppboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on loopback that forwards every connection to one target (a {@link LocalServer}'s c2s port, say)
 * and breaks the network on command, for testing how a client lives through failures. Point the client at
 * {@link #host()}:{@link #port()} instead of the server:
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(server.host(), server.c2sPort())) {
 *     ClientXMPP client = new ClientXMPP(server.clientConfig(jid, "pw")
 *             .host(proxy.host(), proxy.port()).build());
 *     client.connect().get();
 *     proxy.cut();                      // the client sees its connection reset
 *     proxy.awaitConnections(1, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>It forwards bytes and looks at none of them: TLS runs end to end, so STARTTLS and the certificate check
 * work exactly as without the proxy (the certificate must name the JID's domain, not the proxy's address).
 *
 * <p>The commands may be given at any time from any thread, and apply to every connection, current and later:
 * <ul>
 *   <li>{@link #cut()}: resets every open connection, on both sides, as a crashed peer or a lost route does;</li>
 *   <li>{@link #stall()}, {@link #stall(Duration)}, {@link #resume()}: stops forwarding in both directions
 *       without closing anything; the proxy stops reading, so TCP back-pressure builds up to the senders;</li>
 *   <li>{@link #delay(Duration)}: adds latency to every chunk of bytes, each way;</li>
 *   <li>{@link #down()}, {@link #up()}: refuses new connections (the connect fails) while down.</li>
 * </ul>
 * What went through is counted: {@link #connectionsAccepted()}, {@link #connectionsCut()},
 * {@link #bytesToTarget()}, {@link #bytesToClient()}, {@link #connectionCount()}.
 *
 * <p>Threads: one accepting, and four per connection (per direction, one reading and one writing, so that a
 * delay holds each chunk for its own time without slowing the chunks behind it). All are daemon platform threads
 * named {@code fault-proxy-PORT-...}; {@link #close()} ends them.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int BACKLOG = 1024;

    private final InetSocketAddress target;
    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private volatile int port;

    /** Guards the listener and the open connections; {@link #changed} signals every change of them. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private @Nullable ServerSocket listener;
    private @Nullable Thread acceptor;
    private final Set<ProxyLink> links = new LinkedHashSet<>();
    private boolean closed;

    final ProxyFlow flow = new ProxyFlow();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong cuts = new AtomicLong();
    final AtomicLong toTarget = new AtomicLong();
    final AtomicLong toClient = new AtomicLong();

    private FaultProxy(InetSocketAddress target) {
        this.target = target;
    }

    /**
     * Starts a proxy on a free loopback port, forwarding to {@code targetHost:targetPort}. Nothing is connected
     * to the target until a client connects to the proxy.
     */
    public static FaultProxy start(String targetHost, int targetPort) {
        FaultProxy proxy = new FaultProxy(new InetSocketAddress(targetHost, targetPort));
        proxy.up();
        return proxy;
    }

    /** Where clients connect: the loopback address. */
    public String host() {
        return loopback.getHostAddress();
    }

    /** Where clients connect; the same port for the proxy's whole life, across {@link #down()} and {@link #up()}. */
    public int port() {
        return port;
    }

    // =================================================================== commands

    /**
     * Resets every open connection on both sides: SO_LINGER 0, then close, so each peer gets a TCP RST and sees
     * "connection reset" on its next read or write (not an orderly end of stream). New connections are accepted
     * as before; {@link #down()} first for a server that has gone away.
     *
     * @return how many connections were reset
     */
    public int cut() {
        int n = 0;
        for (ProxyLink link : snapshot()) {
            if (link.abort()) {
                n++;
            }
        }
        cuts.addAndGet(n);
        return n;
    }

    /**
     * Stops forwarding, both ways, on every connection (and on those opened meanwhile) until {@link #resume()}.
     * Nothing is closed or lost: the proxy stops reading, the kernel buffers fill, and TCP pushes back until the
     * senders' writes block, as on a link that has gone silent. At most one chunk per direction is held in the
     * proxy; everything is delivered, in order, after {@link #resume()}.
     */
    public void stall() {
        flow.stall(false, 0);
    }

    /** {@link #stall()} for {@code duration}, then forwarding resumes by itself (unless stalled again). */
    public void stall(Duration duration) {
        flow.stall(true, System.nanoTime() + duration.toNanos());
    }

    /** Ends a {@link #stall()}: what is buffered flows again, in order. */
    public void resume() {
        flow.resume();
    }

    /** Whether forwarding is stalled now. */
    public boolean isStalled() {
        return flow.isStalled();
    }

    /**
     * Holds every chunk of bytes read from then on for {@code latency} before writing it on, in both directions
     * (a request and its reply through the proxy take twice as long more). Chunks are held each for its own
     * time, so the delay is added latency, not a throughput limit. {@link Duration#ZERO} turns it off.
     */
    public void delay(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("A delay cannot be negative: " + latency);
        }
        flow.delayNanos(latency.toNanos());
    }

    /**
     * Refuses new connections until {@link #up()}, by no longer listening: the port is closed, so a client's
     * connect fails at once ("connection refused", a {@link java.net.ConnectException}), as against a server
     * that is not running. (Accepting and closing at once would not do: the connect would succeed, and the
     * client would see a stream that ends instead of a connect that fails.) Connections already accepted keep
     * going; {@link #cut()} them too to take the whole server away. Those the kernel had completed but the proxy
     * not yet accepted are reset. Returns when the port is closed.
     */
    public void down() {
        Thread accepting;
        lock.lock();
        try {
            ServerSocket current = listener;
            accepting = acceptor;
            listener = null;
            acceptor = null;
            if (current != null) {
                closeQuietly(current);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // A thread blocked in accept() keeps the listening socket open until it has left the call: only then
        // is a connect refused.
        if (accepting != null && accepting != Thread.currentThread()) {
            try {
                accepting.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Listens again, on the same port, after {@link #down()}; does nothing when up. Another process may have
     * taken the port meanwhile (rare on loopback): then this fails.
     *
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException after {@link #close()}
     */
    public void up() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The proxy is closed");
            }
            if (listener != null) {
                return;
            }
            ServerSocket socket = new ServerSocket();
            try {
                // The port may have connections in TIME_WAIT from before down().
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(loopback, port), BACKLOG);
            } catch (IOException e) {
                closeQuietly(socket);
                throw new UncheckedIOException("The proxy could not listen on " + host() + ":" + port, e);
            }
            port = socket.getLocalPort();
            listener = socket;
            Thread accepting = new Thread(() -> acceptLoop(socket), "fault-proxy-" + port + "-accept");
            accepting.setDaemon(true);
            acceptor = accepting;
            accepting.start();
            changed.signalAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the proxy listens (not {@link #down()}, not closed). */
    public boolean isUp() {
        lock.lock();
        try {
            return listener != null;
        } finally {
            lock.unlock();
        }
    }

    // =================================================================== what went through

    /** Connections accepted since the start, including those the target refused and those cut. */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Connections reset by {@link #cut()} since the start. */
    public long connectionsCut() {
        return cuts.get();
    }

    /** Bytes forwarded from clients to the target since the start. */
    public long bytesToTarget() {
        return toTarget.get();
    }

    /** Bytes forwarded from the target to clients since the start. */
    public long bytesToClient() {
        return toClient.get();
    }

    /** Connections open now, both sides connected and not yet closed, reset or cut. */
    public int connectionCount() {
        lock.lock();
        try {
            return links.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at least {@code n} connections are open at once ({@link #connectionCount()}): after a
     * {@link #cut()}, {@code awaitConnections(1, ...)} returns when the client has reconnected.
     *
     * @return whether there were; false when {@code timeout} passed first
     */
    public boolean awaitConnections(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (links.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops listening and closes every connection (in an orderly way, not reset). Calling it again does nothing. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        down();
        for (ProxyLink link : snapshot()) {
            link.close();
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[" + host() + ":" + port + " -> " + target.getHostString() + ":" + target.getPort()
                + ", open=" + connectionCount() + ", up=" + isUp() + ", stalled=" + isStalled() + "]";
    }

    // =================================================================== for the connections

    private void acceptLoop(ServerSocket socket) {
        while (true) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed by down() or close()
            }
            long id = accepted.incrementAndGet();
            Socket upstream = new Socket();
            try {
                // Both legs forward small writes at once: with Nagle's algorithm each would wait for an ACK.
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                // Nothing to forward to: the client's connection is reset, as behind a balancer with no backend.
                reset(client);
                closeQuietly(upstream);
                continue;
            }
            ProxyLink link = new ProxyLink(this, client, upstream, "fault-proxy-" + port + "-" + id);
            lock.lock();
            try {
                if (closed) {
                    link.close();
                    continue;
                }
                links.add(link);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            link.start();
        }
    }

    void closed(ProxyLink link) {
        lock.lock();
        try {
            if (links.remove(link)) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private List<ProxyLink> snapshot() {
        lock.lock();
        try {
            return new ArrayList<>(links);
        } finally {
            lock.unlock();
        }
    }

    /** Closes with SO_LINGER 0: the peer gets a TCP RST instead of a FIN. */
    static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: nothing to reset
        }
        closeQuietly(socket);
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing: nothing more to do
        }
    }

    static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
