package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;

/**
 * What is particular to {@link LocalEjabberd}: its own start and stop (nothing may survive it), both ways of
 * creating accounts, and its failures. The shared instance comes from {@link XmppServerTest}.
 */
@XmppServerTest(ServerKind.EJABBERD)
class LocalEjabberdTest {

    private static final String PASSWORD = "pässword one";

    @Test
    void startsCreatesAccountsWithEjabberdctlAndStopsLeavingNoProcessOrFile() throws Exception {
        LocalEjabberd server = LocalEjabberd.options().accountsWithEjabberdctl().start();
        Path directory = server.certificate().getParent();
        try {
            assertThat(server.isRunning()).isTrue();
            assertThat(server.name()).isEqualTo("ejabberd");
            assertThat(processesOf(server.node())).as("the node's processes")
                    .anySatisfy(p -> assertThat(p.info().command()).hasValueSatisfying(c -> assertThat(c)
                            .endsWith("beam.smp")));
            System.out.printf("ejabberd started in %d ms%n", server.startupTime().toMillis());

            long begin = System.nanoTime();
            Jid jid = server.createUser(Jid.of("ctl-user", LocalServer.SHA256_DOMAIN, null), PASSWORD);
            System.out.printf("ejabberdctl register took %d ms%n", (System.nanoTime() - begin) / 1_000_000);
            assertThat(server.ejabberdctl("registered_users", LocalServer.SHA256_DOMAIN)).contains("ctl-user");

            ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD).mechanisms("SCRAM-SHA-256")
                    .build());
            client.connect().get(15, TimeUnit.SECONDS);
            assertThat(client.saslMechanism()).isEqualTo("SCRAM-SHA-256");
            Clients.close(client);
        } finally {
            long begin = System.nanoTime();
            server.close();
            System.out.printf("ejabberd stopped in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        }
        assertThat(server.isRunning()).isFalse();
        assertThat(processesOf(server.node())).as("processes left by " + server.node()).isEmpty();
        assertThat(directory).doesNotExist();
        server.close();
    }

    @Test
    void aStoppedServerRestartsOnItsPortsWithItsAccounts() throws Exception {
        try (LocalEjabberd server = LocalEjabberd.start()) {
            Jid jid = Clients.newUser(server, LocalServer.DOMAIN, "kept");
            int c2s = server.c2sPort();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(processesOf(server.node())).as("processes of the stopped node").isEmpty();
            assertThat(LocalServerSupport.accepts(c2s)).as("c2s port of the stopped node").isFalse();

            long begin = System.nanoTime();
            server.restart();
            System.out.printf("ejabberd restarted in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
            assertThat(server.isRunning()).isTrue();
            assertThat(server.c2sPort()).isEqualTo(c2s);
            Clients.close(Clients.connected(server, jid, "kept"));
        }
    }

    @Test
    void accountsOverTheHttpApiAreFastAndTheirPasswordsAreMaskedInTheLog(LocalEjabberd server) {
        long begin = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Clients.newUser(server, LocalServer.DOMAIN, "hunter2-" + i);
        }
        long perAccount = (System.nanoTime() - begin) / 5 / 1_000_000;
        System.out.printf("register over the HTTP API took %d ms per account%n", perAccount);

        // ejabberd's logger writes in batches: wait for the calls to reach the file.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.log())
                .contains("API call register").contains("<<\"***\">>"));
        assertThat(server.log()).doesNotContain("hunter2");
        assertThat(server.toString()).doesNotContain(server.componentSecret());
    }

    @Test
    void aPasswordWithCharactersUnknownToUnicode32IsRefusedWithoutRepeatingIt(LocalEjabberd server) {
        // ejabberd checks passwords with stringprep (Unicode 3.2): U+26A1 came later. Prosody accepts it.
        assertThatThrownBy(() -> Clients.newUser(server, LocalServer.DOMAIN, "zap ⚡ zap"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("unacceptable characters")
                .message().doesNotContain("zap");
    }

    @Test
    void aMissingEjabberdctlFailsWithTheInstallHint() {
        assertThatThrownBy(() -> LocalEjabberd.options().ejabberdctl(Path.of("/nonexistent/ejabberdctl")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install ejabberd");
    }

    @Test
    void aStartThatTimesOutSaysSoAndLeavesNoProcessOrFile() throws Exception {
        // Enterable by the ejabberd user when we are root (a temporary directory is not, by default).
        Path base = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "timeout-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            assertThatThrownBy(() -> LocalEjabberd.options().baseDirectory(base).startTimeout(Duration.ofMillis(300))
                    .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ejabberd did not start within PT0.3S");
            try (Stream<Path> left = Files.list(base)) {
                assertThat(left).as("files left in " + base).isEmpty();
            }
            // The processes are killed, and gone a moment later (on a loaded machine, not at once).
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(processesOf(base.toString()))
                    .as("processes left").isEmpty());
        } finally {
            LocalServerSupport.deleteQuietly(base);
        }
    }

    @Test
    void aJvmThatExitsWithoutClosingLeavesNoProcessOrFile() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitWithoutClosing.class.getName())
                .redirectErrorStream(true).start();
        String node = null;
        Path directory = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("node=")) {
                    node = line.substring(5);
                } else if (line.startsWith("dir=")) {
                    directory = Path.of(line.substring(4));
                }
            }
        }
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node).as("the child JVM started a server").isNotNull();
        assertThat(processesOf(node)).as("processes left by " + node).isEmpty();
        assertThat(directory).doesNotExist();
    }

    /** Started in a JVM of its own: starts a server and exits, leaving it to the shutdown hook. */
    static final class ExitWithoutClosing {

        public static void main(String[] args) {
            LocalEjabberd server = LocalEjabberd.start();
            System.out.println("node=" + server.node());
            System.out.println("dir=" + server.certificate().getParent());
            System.exit(0);
        }
    }

    /** Live processes whose command line mentions {@code marker} (the beam.smp of a node carries its name). */
    static List<ProcessHandle> processesOf(String marker) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .filter(p -> p.pid() != ProcessHandle.current().pid())
                    .toList();
        }
    }
}
