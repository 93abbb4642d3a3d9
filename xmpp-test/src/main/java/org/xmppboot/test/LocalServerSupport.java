package org.xmppboot.test;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * What {@link LocalProsody} and {@link LocalEjabberd} both need to run a throwaway server: executables, a
 * temporary folder, free loopback ports, a self-signed certificate, short commands and log tails.
 */
final class LocalServerSupport {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalServerSupport() {
    }

    /**
     * Finds an executable on the PATH, or in /usr/bin and /usr/sbin (where Debian puts {@code ejabberdctl},
     * and which a non-root PATH often lacks).
     *
     * @param installHint the one line that tells the reader how to get it
     */
    static Path findExecutable(String name, String installHint) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        dirs.add("/usr/bin");
        dirs.add("/usr/sbin");
        for (String dir : dirs) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("'" + name + "' was not found on the PATH. " + installHint);
    }

    /** {@code target/} when the working directory has one (Maven), else the system temporary directory. */
    static Path baseDirectory(@Nullable Path configured) {
        Path base = configured != null ? configured
                : Files.isDirectory(Path.of("target")) ? Path.of("target")
                : Path.of(System.getProperty("java.io.tmpdir"));
        return base.toAbsolutePath();
    }

    /**
     * Runs a short command in {@code dir} and returns its output; a non-zero exit is an exception. Messages name
     * the command by {@code label} only: later arguments may be passwords.
     */
    static String run(Path dir, Duration timeout, String label, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(label + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IOException(label + " failed (exit " + p.exitValue() + "): " + output.trim());
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("Interrupted", e);
        }
    }

    /**
     * {@code n} distinct ports that were free on 127.0.0.1 a moment ago. The sockets are held until all are
     * chosen, so the same port is never returned twice; another process may still take one before the server
     * binds it, which is rare enough for tests.
     */
    static int[] freePorts(int n) throws IOException {
        return freePorts(n, 0);
    }

    /** {@link #freePorts(int)}, the first being {@code preferredFirst} if that is free (and not 0). */
    static int[] freePorts(int n, int preferredFirst) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket();
                if (i == 0 && preferredFirst != 0) {
                    try {
                        sockets[i].bind(new InetSocketAddress("127.0.0.1", preferredFirst));
                    } catch (IOException taken) {
                        sockets[i].close();
                        sockets[i] = new ServerSocket();
                    }
                }
                if (!sockets[i].isBound()) {
                    sockets[i].bind(new InetSocketAddress("127.0.0.1", 0));
                }
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code localhost.key} and {@code localhost.crt} into {@code dir}: one self-signed certificate whose
     * subjectAltName lists every name, so one file serves every virtual host and component.
     */
    static void createCertificate(Path dir, List<String> names) throws IOException {
        String sans = names.stream().map(n -> "DNS:" + n).collect(Collectors.joining(","));
        run(dir, Duration.ofSeconds(30), "openssl req",
                findExecutable("openssl", "Install it with `apt-get install openssl`.").toString(), "req",
                "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("localhost.key").toString(),
                "-out", dir.resolve("localhost.crt").toString(), "-days", "3", "-subj", "/CN=" + names.get(0),
                "-addext", "subjectAltName=" + sans);
    }

    /** The last {@code lines} lines of a text file, or "" when it does not exist. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** {@code bytes} random bytes as lowercase hex: secrets and cookies. */
    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    static void deleteQuietly(@Nullable Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort: it is a temporary folder
        }
    }
}
