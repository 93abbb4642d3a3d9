package org.xmppboot.demo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.spring.annotation.XmppEvent;
import org.xmppboot.test.LocalServer;

/**
 * Shows the bot working on the local development server: once the bot is online, a second account says
 * {@code help} and prints the answer, and an account for a human is created, with how to log in.
 */
@Component
@ConditionalOnProperty(name = {"demo.visitor.enabled", "xmpp.local-server.enabled"}, havingValue = "true")
public class DemoVisitor {

    private final LocalServer server;
    private final ConfigurableApplicationContext context;
    private final boolean exitAfterVisit;
    private final CompletableFuture<String> answer = new CompletableFuture<>();

    public DemoVisitor(LocalServer server, ConfigurableApplicationContext context,
            @Value("${demo.visitor.exit:false}") boolean exitAfterVisit) {
        this.server = server;
        this.context = context;
        this.exitAfterVisit = exitAfterVisit;
    }

    /** Threaded: it waits for the bot's answer, which the bot's event thread must stay free to send. */
    @XmppEvent(value = "session_start", threaded = true)
    void visit(Jid bot) throws Exception {
        if (answer.isDone()) {
            return; // a new session after a reconnect: the visit is over
        }
        Jid visitor = server.createUser("visitor", "visitor-password");
        ClientXMPP client = new ClientXMPP(server.clientConfig(visitor, "visitor-password")
                .sendInitialPresence(false).fetchRoster(false).build());
        client.addEventHandler("message", data -> answer.complete(((Message) data).getBody()));
        try {
            client.connect().get(15, TimeUnit.SECONDS);
            client.sendMessage(bot.bare(), "help", Message.Type.CHAT);
            String reply = answer.get(15, TimeUnit.SECONDS);
            String human = context.getEnvironment().getProperty("xmpp.local-server.user", "you") + "@"
                    + LocalServer.DOMAIN;
            System.out.printf("%n%s said \"help\"; %s answered:%n%n%s%n%n"
                    + "Talk to the bot from any XMPP client: log in as %s with the password of"
                    + " xmpp.local-server.user-password (\"you\" unless set) on server %s, port %d (STARTTLS,"
                    + " self-signed certificate), and send a chat message to %s.%n"
                    + "Health: http://localhost:%s/actuator/health    Ctrl-C stops the bot and the server.%n%n",
                    visitor, bot.bare(), reply, human, server.host(), server.c2sPort(), bot.bare(),
                    context.getEnvironment().getProperty("local.server.port"));
        } catch (Exception e) {
            answer.completeExceptionally(e);
            throw e;
        } finally {
            client.disconnect();
        }
        if (exitAfterVisit) {
            new Thread(() -> System.exit(SpringApplication.exit(context, () -> 0)), "demo-exit").start();
        }
    }

    /** The bot's answer to "help", once the visit is over. */
    public CompletableFuture<@Nullable String> answer() {
        return answer.thenApply(s -> s);
    }
}
