package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every command of {@link FaultProxy}, seen from plain sockets talking to an echo server through it. */
class FaultProxyTest {

    private EchoServer echo;
    private FaultProxy proxy;
    private final CopyOnWriteArrayList<Socket> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = FaultProxy.start("127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() {
        clients.forEach(FaultProxy::closeQuietly);
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBothWaysAndCountsWhatWentThrough() throws Exception {
        Socket client = connect();
        assertThat(roundTrip(client, "hello")).isEqualTo("hello");

        assertThat(proxy.connectionsAccepted()).isEqualTo(1);
        assertThat(proxy.connectionCount()).isEqualTo(1);
        // Counted just after each write, which the echo can overtake.
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.bytesToTarget() == 5 && proxy.bytesToClient() == 5);
    }

    @Test
    void cutResetsBothSidesAndLetsNewConnectionsIn() throws Exception {
        Socket client = connect();
        roundTrip(client, "x");

        assertThat(proxy.cut()).isEqualTo(1);

        assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");
        assertThat(echo.endings.poll(5, TimeUnit.SECONDS)).contains("reset");
        assertThat(proxy.connectionsCut()).isEqualTo(1);
        assertThat(proxy.connectionCount()).isZero();
        assertThat(roundTrip(connect(), "again")).isEqualTo("again");
    }

    @Test
    void stallBuildsBackPressureAndResumeDeliversEverythingInOrder() throws Exception {
        Socket client = new Socket();
        // A small send buffer (no autotuning) so that a few MiB cannot hide in the kernel while stalled.
        client.setSendBufferSize(64 * 1024);
        client.connect(new InetSocketAddress(proxy.host(), proxy.port()));
        clients.add(client);
        roundTrip(client, "x");
        byte[] data = new byte[4 * 1024 * 1024];
        new Random(42).nextBytes(data);

        proxy.stall();
        assertThat(proxy.isStalled()).isTrue();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                client.getOutputStream().write(data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> writing.get(500, TimeUnit.MILLISECONDS)).as("the writer is pushed back")
                .isInstanceOf(TimeoutException.class);
        assertThat(proxy.bytesToTarget()).as("nothing forwarded while stalled").isEqualTo(1);
        assertThat(client.isClosed()).isFalse();

        proxy.resume();
        byte[] back = readFully(client, data.length, Duration.ofSeconds(20));
        assertThat(back).as("every byte, in order").isEqualTo(data);
        writing.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aTimedStallEndsByItself() throws Exception {
        Socket client = connect();
        roundTrip(client, "x");

        proxy.stall(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(roundTrip(client, "after")).isEqualTo("after");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(proxy.isStalled()).isFalse();
    }

    @Test
    void delayAddsLatencyEachWayWithoutLimitingThroughput() throws Exception {
        Socket client = connect();
        roundTrip(client, "x");

        proxy.delay(Duration.ofMillis(150));
        long start = System.nanoTime();
        roundTrip(client, "slow");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("150 ms each way")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));

        // Ten chunks 30 ms apart: each held 150 ms each way, all in flight together (about 0.6 s in all),
        // not one after the other (3 s).
        start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            client.getOutputStream().write('0' + i);
            Thread.sleep(30);
        }
        assertThat(new String(readFully(client, 10, Duration.ofSeconds(10)), StandardCharsets.US_ASCII))
                .isEqualTo("0123456789");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));

        proxy.delay(Duration.ZERO);
        start = System.nanoTime();
        roundTrip(client, "fast");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
    }

    @Test
    void downRefusesNewConnectionsAndKeepsOpenOnes() throws Exception {
        Socket open = connect();
        roundTrip(open, "x"); // accepted: what waits in the backlog when the port closes is reset
        int port = proxy.port();

        proxy.down();

        assertThat(proxy.isUp()).isFalse();
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        assertThat(roundTrip(open, "still here")).isEqualTo("still here");

        proxy.up();
        assertThat(proxy.port()).isEqualTo(port);
        assertThat(roundTrip(connect(), "back")).isEqualTo("back");
        assertThat(proxy.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void awaitConnectionsWaitsForThatManyOpenAtOnce() throws Exception {
        assertThat(proxy.awaitConnections(1, Duration.ofMillis(100))).isFalse();

        Socket first = connect();
        connect();
        assertThat(proxy.awaitConnections(2, Duration.ofSeconds(5))).isTrue();

        // An orderly close passes through as one: the echo server sees the end of stream, and the link goes.
        first.close();
        assertThat(echo.endings.poll(5, TimeUnit.SECONDS)).isEqualTo("end of stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connectionCount() == 1);
    }

    @Test
    void aTargetThatRefusesGetsTheClientReset() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (FaultProxy nowhere = FaultProxy.start("127.0.0.1", closedPort);
                Socket client = new Socket(nowhere.host(), nowhere.port())) {
            client.setSoTimeout(5000);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
            assertThat(nowhere.connectionsAccepted()).isEqualTo(1);
            assertThat(nowhere.connectionCount()).isZero();
        }
    }

    @Test
    void closeEndsEveryConnectionAndThread() throws Exception {
        Socket client = connect();
        roundTrip(client, "x");
        String threadPrefix = "fault-proxy-" + proxy.port() + "-";

        proxy.close();

        assertThat(client.getInputStream().read()).as("an orderly end of stream").isEqualTo(-1);
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(threadPrefix)));
    }

    // =================================================================== helpers

    private Socket connect() throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        clients.add(socket);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(bytes);
        return new String(readFully(socket, bytes.length, Duration.ofSeconds(10)), StandardCharsets.UTF_8);
    }

    private static byte[] readFully(Socket socket, int length, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] bytes = new byte[length];
        InputStream in = socket.getInputStream();
        int at = 0;
        while (at < length) {
            int n;
            try {
                n = in.read(bytes, at, length - at);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("Only " + at + " of " + length + " bytes within " + timeout, e);
            }
            if (n < 0) {
                throw new AssertionError("End of stream after " + at + " of " + length + " bytes");
            }
            at += n;
        }
        return bytes;
    }

    /** Echoes every byte back, and records how each of its connections ended. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket socket;
        final BlockingQueue<String> endings = new LinkedBlockingQueue<>();

        EchoServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (true) {
                try {
                    Socket connection = socket.accept();
                    Thread echo = new Thread(() -> echo(connection), "echo");
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void echo(Socket connection) {
            try (connection) {
                byte[] buffer = new byte[16 * 1024];
                int n;
                while ((n = connection.getInputStream().read(buffer)) >= 0) {
                    connection.getOutputStream().write(buffer, 0, n);
                }
                endings.add("end of stream");
            } catch (IOException e) {
                endings.add(String.valueOf(e.getMessage()));
            }
        }

        @Override
        public void close() {
            FaultProxy.closeQuietly(socket);
        }
    }
}
