package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0045.History;
import org.xmppboot.plugins.xep0045.JoinOptions;
import org.xmppboot.plugins.xep0045.MucInvitation;
import org.xmppboot.plugins.xep0045.MucInvitationDeclined;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0045.Occupant;
import org.xmppboot.plugins.xep0045.Room;

/** XEP-0045 on both servers: two of our clients in a room, and one inviting the other through it. */
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

    @Test
    void anInvitationThroughAProtectedRoomReachesTheInviteeWhoseDeclineReachesTheInviter(LocalServer server)
            throws Exception {
        Jid room = MucIntegrationTest.newRoom();
        Jid aliceJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid bobJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP alice = Clients.connected(server, aliceJid.withResource("desk"), PASSWORD);
        ClientXMPP bob = Clients.connected(server, bobJid.withResource("phone"), PASSWORD);
        try {
            MultiUserChat aliceMuc = new MultiUserChat();
            MultiUserChat bobMuc = new MultiUserChat();
            alice.registerPlugin(aliceMuc);
            bob.registerPlugin(bobMuc);
            BlockingQueue<Object> invitations = new LinkedBlockingQueue<>();
            bob.addEventHandler(MultiUserChat.EVENT_INVITE, invitations::add);
            BlockingQueue<Object> declines = new LinkedBlockingQueue<>();
            alice.addEventHandler(MultiUserChat.EVENT_DECLINE, declines::add);

            aliceMuc.join(room, "alice").get(15, TimeUnit.SECONDS);
            DataForm form = aliceMuc.getConfiguration(room).get(15, TimeUnit.SECONDS);
            aliceMuc.submitConfiguration(room, form.submit(Map.of(
                    "muc#roomconfig_passwordprotectedroom", true, "muc#roomconfig_roomsecret", "cauldronburn")))
                    .get(15, TimeUnit.SECONDS);

            aliceMuc.invite(room, bobJid, "Come and see");
            MucInvitation invitation = (MucInvitation) invitations.poll(15, TimeUnit.SECONDS);
            assertThat(invitation).as("the room passed the invitation on").isNotNull();
            assertThat(invitation.room()).isEqualTo(room);
            // §7.8.2: the room names the inviter by bare, full or occupant JID (Prosody's choice in a room
            // that does not show real JIDs).
            assertThat(invitation.inviter()).isIn(aliceJid, aliceJid.withResource("desk"),
                    room.withResource("alice"));
            assertThat(invitation.reason()).isEqualTo("Come and see");
            assertThat(invitation.password()).as("the room adds its password").isEqualTo("cauldronburn");

            bobMuc.decline(invitation, "Not now");
            MucInvitationDeclined declined = (MucInvitationDeclined) declines.poll(15, TimeUnit.SECONDS);
            assertThat(declined).as("the room passed the decline on").isNotNull();
            assertThat(declined.room()).isEqualTo(room);
            assertThat(declined.invitee().bare()).isEqualTo(bobJid);
            assertThat(declined.reason()).isEqualTo("Not now");

            // The password the invitation carried lets the invitee in after all.
            Room joined = bobMuc.join(room, JoinOptions.nick("bob").withPassword(invitation.password())
                    .withHistory(History.NONE)).get(15, TimeUnit.SECONDS);
            assertThat(joined.occupants()).extracting(Occupant::nick).contains("alice", "bob");
        } finally {
            Clients.close(alice);
            Clients.close(bob);
        }
    }
}
