package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0308.Correction;
import org.xmppboot.plugins.xep0308.MessageCorrection;
import org.xmppboot.plugins.xep0363.HttpUpload;
import org.xmppboot.plugins.xep0363.UploadService;
import org.xmppboot.plugins.xep0444.MessageReactions;
import org.xmppboot.plugins.xep0444.ReactionsReceived;
import org.xmppboot.plugins.xep0444.ReferenceIds;
import org.xmppboot.plugins.xep0461.Replies;
import org.xmppboot.plugins.xep0461.ReplyReceived;
import org.xmppboot.stanza.Message;

/**
 * XEP-0444 reactions, XEP-0461 replies, XEP-0308 corrections between two of our clients through Prosody, and
 * XEP-0363 upload through its {@code http_file_share} component, fetched back over HTTP.
 */
@ProsodyTest
class ModernMessagingIntegrationTest {

    private static final String PASSWORD = "modern-pw";

    @TempDir
    Path dir;

    private static ClientXMPP connect(LocalProsody server) throws Exception {
        Jid jid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD).build());
        client.registerPlugin(new MessageCorrection());
        client.registerPlugin(new MessageReactions());
        client.registerPlugin(new Replies());
        client.registerPlugin(new HttpUpload());
        client.connect().get(15, TimeUnit.SECONDS);
        return client;
    }

    private static <T> BlockingQueue<T> events(ClientXMPP client, String event, Class<T> type) {
        BlockingQueue<T> queue = new LinkedBlockingQueue<>();
        client.addEventHandler(event, data -> queue.add(type.cast(data)));
        return queue;
    }

    @Test
    void repliesReactionsAndCorrectionsBetweenTwoClients(LocalProsody server) throws Exception {
        ClientXMPP bot = connect(server);
        ClientXMPP anna = connect(server);
        try {
            BlockingQueue<Message> botMessages = events(bot, "message", Message.class);
            BlockingQueue<ReplyReceived> replies = events(anna, Replies.EVENT_MESSAGE_REPLY, ReplyReceived.class);
            BlockingQueue<ReactionsReceived> reactions =
                    events(anna, MessageReactions.EVENT_REACTIONS, ReactionsReceived.class);
            BlockingQueue<Correction> corrections = events(anna, MessageCorrection.EVENT_MESSAGE_CORRECTION,
                    Correction.class);

            Message cake = anna.makeMessage(bot.boundJid(), "We should bake a cake", Message.Type.CHAT);
            cake.setId("message-id1");
            cake.send();
            Message received = botMessages.poll(15, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            String targetId = ReferenceIds.of(received);
            assertThat(targetId).isNotNull();

            bot.plugin(Replies.class).reply(received, "Great idea!").send();
            ReplyReceived reply = replies.poll(15, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.targetId()).isEqualTo(targetId);
            assertThat(reply.targetAuthor()).isEqualTo(anna.boundJid());
            assertThat(reply.text()).isEqualTo("Great idea!");
            assertThat(reply.message().getBody()).startsWith("> ").endsWith("Great idea!");

            bot.plugin(MessageReactions.class).react(received, List.of("👍", "🎂"));
            ReactionsReceived reacted = reactions.poll(15, TimeUnit.SECONDS);
            assertThat(reacted).isNotNull();
            assertThat(reacted.from()).isEqualTo(bot.boundJid());
            assertThat(reacted.targetId()).isEqualTo(targetId);
            assertThat(reacted.emojis()).containsExactly("👍", "🎂");
            bot.plugin(MessageReactions.class).removeReactions(received);
            assertThat(reactions.poll(15, TimeUnit.SECONDS).emojis()).isEmpty();

            Message bad = bot.makeMessage(anna.boundJid(), "But soft, what light through yonder airlock breaks?",
                    Message.Type.CHAT);
            bad.setId("bad1");
            bad.send();
            bot.plugin(MessageCorrection.class).correctLast(anna.boundJid(),
                    "But soft, what light through yonder window breaks?");
            Correction correction = corrections.poll(15, TimeUnit.SECONDS);
            assertThat(correction).isNotNull();
            assertThat(correction.originalId()).isEqualTo("bad1");
            assertThat(correction.from()).isEqualTo(bot.boundJid());
            assertThat(correction.body()).isEqualTo("But soft, what light through yonder window breaks?");
        } finally {
            Clients.close(bot);
            Clients.close(anna);
        }
    }

    @Test
    void aFileUploadedThroughTheServersServiceCanBeFetchedFromTheUrlSent(LocalProsody server) throws Exception {
        ClientXMPP bot = connect(server);
        ClientXMPP reader = connect(server);
        try {
            BlockingQueue<Message> readerMessages = events(reader, "message", Message.class);
            HttpUpload upload = bot.plugin(HttpUpload.class);
            UploadService service = upload.findService().get(15, TimeUnit.SECONDS);
            assertThat(service.jid()).isEqualTo(Jid.of(LocalProsody.UPLOAD_DOMAIN));
            assertThat(service.maxFileSize()).as("http_file_share announces its limit").isPositive();

            byte[] content = "Two households, both alike in dignity,\n".repeat(2_000).getBytes("UTF-8");
            Path file = Files.write(dir.resolve("prologue.txt"), content);
            AtomicLong lastProgress = new AtomicLong();
            Message sent = upload.uploadAndSend(file, reader.boundJid(), Message.Type.CHAT,
                    (done, total) -> lastProgress.set(done)).get(30, TimeUnit.SECONDS);
            assertThat(lastProgress.get()).isEqualTo(content.length);

            Message shared = readerMessages.poll(15, TimeUnit.SECONDS);
            assertThat(shared).isNotNull();
            assertThat(shared.getOob().getUrl()).isEqualTo(shared.getBody()).isEqualTo(sent.getBody());
            HttpClient http = HttpClient.newBuilder().sslContext(server.sslContext()).build();
            HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(shared.getBody())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(content);
        } finally {
            Clients.close(bot);
            Clients.close(reader);
        }
    }
}
