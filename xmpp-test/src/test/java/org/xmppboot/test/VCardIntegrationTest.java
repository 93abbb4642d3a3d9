package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0054.VCard;
import org.xmppboot.plugins.xep0054.VCardTemp;
import org.xmppboot.plugins.xep0153.VCardAvatars;
import org.xmppboot.stanza.Presence;

/** XEP-0054 and XEP-0153 against Prosody (mod_vcard): a bot's card and avatar, as another client sees them. */
@ProsodyTest
class VCardIntegrationTest {

    private static final String PASSWORD = "vcard-pw";

    private static ClientXMPP connect(LocalProsody server, Jid jid) throws Exception {
        ClientXMPP client = new ClientXMPP(Clients.config(server, jid, PASSWORD).build());
        client.registerPlugin(new VCardAvatars());
        client.connect().get(15, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void anotherClientReadsTheBotsCardAndLearnsItsAvatarHash(LocalProsody server) throws Exception {
        Jid botJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        Jid readerJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
        ClientXMPP bot = connect(server, botJid);
        ClientXMPP reader = connect(server, readerJid);
        try {
            BlockingQueue<Presence> updates = new LinkedBlockingQueue<>();
            reader.addEventHandler(VCardAvatars.EVENT_AVATAR_UPDATE, p -> updates.add((Presence) p));

            VCard empty = bot.plugin(VCardTemp.class).getOwnVCard().get(15, TimeUnit.SECONDS);
            assertThat(empty.getFullName()).isNull();
            VCardAvatars avatars = bot.plugin(VCardAvatars.class);
            avatars.updateOwnVCard(card -> card.setFullName("Test Bot").setNickname("bot")
                    .setDescription("answers questions")).get(15, TimeUnit.SECONDS);
            String hash = avatars.publishAvatar(VCardAvatarTest.IMAGE, "image/png").get(15, TimeUnit.SECONDS);
            assertThat(hash).isEqualTo(VCardAvatarTest.IMAGE_HASH);

            VCard seen = reader.plugin(VCardTemp.class).getVCard(botJid).get(15, TimeUnit.SECONDS);
            assertThat(seen.getFullName()).isEqualTo("Test Bot");
            assertThat(seen.getNickname()).isEqualTo("bot");
            assertThat(seen.getDescription()).isEqualTo("answers questions");
            assertThat(seen.getPhoto().type()).isEqualTo("image/png");
            assertThat(VCardAvatars.hashOf(seen)).isEqualTo(hash);

            // A directed presence carries the hash to the reader, whose plugin raises it.
            bot.makePresence(reader.boundJid(), null, null, null).send();
            Presence update = updates.poll(15, TimeUnit.SECONDS);
            assertThat(update).isNotNull();
            assertThat(update.getVCardUpdate().getPhotoHash()).isEqualTo(hash);
        } finally {
            Clients.close(bot);
            Clients.close(reader);
        }
    }
}
