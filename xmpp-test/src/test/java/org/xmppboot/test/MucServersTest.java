package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0045.History;
import org.xmppboot.plugins.xep0045.JoinOptions;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0045.Occupant;
import org.xmppboot.plugins.xep0045.Room;

/** XEP-0045 on both servers: two of our clients in a room. */
@XmppServerTest
class MucServersTest {

    private static final String PASSWORD = "in the room";

    @Test
    void twoClientsTalkInARoomAndSeeEachOther(LocalServer server) throws Exception {
        Jid room = MucIntegrationTest.newRoom();
        ClientXMPP alice = Clients.connected(server, Clients.newUser(server, LocalServer.DOMAIN, PASSWORD), PASSWORD);
        ClientXMPP bob = Clients.connected(server, Clients.newUser(server, LocalServer.DOMAIN, PASSWORD), PASSWORD);
        try {
            MultiUserChat aliceMuc = new MultiUserChat();
            MultiUserChat bobMuc = new MultiUserChat();
            alice.registerPlugin(aliceMuc);
            bob.registerPlugin(bobMuc);
            BlockingQueue<String> atAlice = MucIntegrationTest.groupchat(alice);
            BlockingQueue<String> atBob = MucIntegrationTest.groupchat(bob);

            Room aliceRoom = aliceMuc.join(room, "alice").get(15, TimeUnit.SECONDS);
            Room bobRoom = bobMuc.join(room, JoinOptions.nick("bob").withHistory(History.NONE))
                    .get(15, TimeUnit.SECONDS);
            assertThat(bobRoom.occupants()).extracting(Occupant::nick).contains("alice", "bob");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> aliceRoom.occupant("bob") != null);

            aliceMuc.sendMessage(room, "bob: hello");
            assertThat(atBob.poll(10, TimeUnit.SECONDS)).isEqualTo("bob: hello");
            bobMuc.sendMessage(room, "hi alice");
            assertThat(atAlice.poll(10, TimeUnit.SECONDS)).as("alice's own message is not handed back to her")
                    .isEqualTo("hi alice");
            assertThat(atBob.poll(500, TimeUnit.MILLISECONDS)).as("nor is bob's to him").isNull();

            bobMuc.leave(room, "bye");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> aliceRoom.occupant("bob") == null);
            assertThat(bobMuc.room(room)).isNull();
        } finally {
            Clients.close(alice);
            Clients.close(bob);
        }
    }
}
