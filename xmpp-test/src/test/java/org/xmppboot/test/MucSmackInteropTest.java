package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.plugins.xep0045.Occupant;
import org.xmppboot.plugins.xep0045.Room;

/** XEP-0045 with Smack as the other occupant of the room, through the local Prosody. */
@XmppServerTest
class MucSmackInteropTest {

    @Test
    void ourBotAndASmackOccupantTalkInOneRoom(LocalServer server) throws Exception {
        Jid room = MucIntegrationTest.newRoom();
        ClientXMPP bot = Clients.connected(server, Clients.newUser(server, LocalServer.DOMAIN, "pw"), "pw");
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, Clients.newUser(server, LocalServer.DOMAIN,
                "pw"), "pw");
        try {
            MultiUserChat muc = new MultiUserChat();
            bot.registerPlugin(muc);
            BlockingQueue<String> atBot = MucIntegrationTest.groupchat(bot);
            Room joined = muc.join(room, "bot").get(15, TimeUnit.SECONDS);

            org.jivesoftware.smackx.muc.MultiUserChat smackRoom = MultiUserChatManager.getInstanceFor(smack)
                    .getMultiUserChat(JidCreate.entityBareFrom(room.toString()));
            BlockingQueue<String> atSmack = new LinkedBlockingQueue<>();
            smackRoom.addMessageListener(message -> {
                // Smack hands its own reflected messages to its listeners too: keep the bot's.
                if (message.getBody() != null && message.getFrom().getResourceOrEmpty().toString().equals("bot")) {
                    atSmack.add(message.getBody());
                }
            });
            smackRoom.join(Resourcepart.from("smack"));
            await().atMost(Duration.ofSeconds(10)).until(() -> joined.occupant("smack") != null);
            assertThat(joined.occupants()).extracting(Occupant::nick).contains("bot", "smack");
            assertThat(smackRoom.getOccupants()).extracting(j -> j.getResourceOrEmpty().toString()).contains("bot");

            smackRoom.sendMessage("bot: are you there?");
            assertThat(atBot.poll(10, TimeUnit.SECONDS)).isEqualTo("bot: are you there?");
            muc.sendMessage(room, "yes, smack");
            assertThat(atSmack.poll(10, TimeUnit.SECONDS)).isEqualTo("yes, smack");
        } finally {
            smack.disconnect();
            bot.disconnect().get(10, TimeUnit.SECONDS);
        }
    }
}
