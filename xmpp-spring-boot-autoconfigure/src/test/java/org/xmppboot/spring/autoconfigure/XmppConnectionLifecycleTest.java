package org.xmppboot.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientConfig;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.reconnect.ReconnectPolicy;

class XmppConnectionLifecycleTest {

    private static Optional<Thread> keepAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("xmpp-keep-alive") && t.isAlive()).findFirst();
    }

    @Test
    void whileRunningANonDaemonThreadKeepsTheJvmAliveAndStoppingEndsIt() throws Exception {
        // A server that is not there: the connection keeps trying in the background, as a bot started before
        // its server would, and the application must not exit meanwhile.
        ClientXMPP xmpp = new ClientXMPP(ClientConfig.builder("bot@example.org", "pw").host("127.0.0.1", 1)
                .reconnect(ReconnectPolicy.backoff(Duration.ofSeconds(5), Duration.ofSeconds(5))).build());
        XmppConnectionLifecycle lifecycle = new XmppConnectionLifecycle(xmpp, List.of(), List.of(), true,
                Duration.ofSeconds(1));

        lifecycle.start();
        assertThat(keepAlive()).hasValueSatisfying(t -> assertThat(t.isDaemon()).isFalse());
        assertThat(lifecycle.isRunning()).isTrue();

        lifecycle.stop();
        Thread thread = keepAlive().orElse(null);
        if (thread != null) {
            thread.join(5_000);
        }
        assertThat(keepAlive()).isEmpty();
        assertThat(lifecycle.isRunning()).isFalse();
    }
}
