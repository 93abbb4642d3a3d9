package org.xmppboot.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0054.VCard;
import org.xmppboot.plugins.xep0054.VCardTemp;
import org.xmppboot.plugins.xep0153.VCardAvatars;
import org.xmppboot.test.LocalProsody;
import org.xmppboot.test.ProsodyTest;

/** A bot's xmpp.profile.* as another account sees it: the vCard's name and the avatar's hash, on Prosody. */
@ProsodyTest
class ProfileVCardTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void anotherAccountReadsTheBotsNameAndAvatar(LocalProsody server) throws Exception {
        Jid botJid = server.createUser("profile-bot", "profile-pw");
        Jid readerJid = server.createUser("profile-reader", "reader-pw");
        byte[] avatar = new ClassPathResource("avatar.png").getContentAsByteArray();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(avatar));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("xmpp.jid=" + botJid, "xmpp.password=profile-pw", "xmpp.host=" + server.host(),
                        "xmpp.port=" + server.c2sPort(), "xmpp.tls.bundle=local",
                        "spring.ssl.bundle.pem.local.truststore.certificate=file:" + server.certificate(),
                        "xmpp.profile.name=Profile Bot", "xmpp.profile.avatar=classpath:avatar.png")
                .run()) {
            ClientXMPP bot = context.getBean(ClientXMPP.class);
            bot.sessionFuture().get(15, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(15)).until(() -> hash.equals(bot.plugin(VCardAvatars.class).ownHash()));

            ClientXMPP reader = new ClientXMPP(server.clientConfig(readerJid, "reader-pw").build());
            reader.registerPlugin(new VCardTemp());
            reader.connect().get(15, TimeUnit.SECONDS);
            try {
                VCard card = reader.plugin(VCardTemp.class).getVCard(botJid).get(15, TimeUnit.SECONDS);
                assertThat(card.getFullName()).isEqualTo("Profile Bot");
                assertThat(card.getNickname()).isEqualTo("Profile Bot");
                assertThat(card.getPhoto().type()).isEqualTo("image/png");
                assertThat(VCardAvatars.hashOf(card)).isEqualTo(hash);
            } finally {
                reader.disconnect().get(15, TimeUnit.SECONDS);
            }
        }
    }
}
