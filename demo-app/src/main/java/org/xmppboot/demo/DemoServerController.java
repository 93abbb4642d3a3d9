package org.xmppboot.demo;

import java.time.Duration;
import java.time.Instant;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.xmppboot.test.LocalProsody;
import org.xmppboot.test.LocalServer;

/**
 * Lets you watch the bot survive a server crash: {@code curl -X POST localhost:8080/demo/server/restart} kills the
 * demo's Prosody as a crash would and starts it again on the same port with the same accounts. The bot logs the
 * lost connection and its reconnection; with stream management it resumes its session.
 */
@RestController
class DemoServerController {

    private final LocalServer server;

    DemoServerController(LocalServer server) {
        this.server = server;
    }

    @PostMapping("/demo/server/restart")
    String restart() {
        if (!(server instanceof LocalProsody prosody)) {
            return "Only the demo's Prosody can be restarted; this is " + server.name() + ".\n";
        }
        Instant start = Instant.now();
        prosody.killHard();
        prosody.restart();
        return "Prosody was killed and is back after " + Duration.between(start, Instant.now()).toMillis()
                + " ms; the bot reconnects on its own (see its log and /actuator/health).\n";
    }
}
