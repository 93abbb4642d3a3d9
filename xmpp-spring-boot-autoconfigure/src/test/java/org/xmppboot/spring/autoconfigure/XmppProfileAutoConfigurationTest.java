package org.xmppboot.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;
import org.xmppboot.plugins.xep0054.VCardTemp;
import org.xmppboot.plugins.xep0153.VCardAvatars;
import org.xmppboot.plugins.xep0153.VCardProfile;

/** {@code xmpp.profile.*}: binding, the plugin beans, and the start-up failures of a bad avatar. */
class XmppProfileAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(XmppAutoConfiguration.class, XmppProfileAutoConfiguration.class))
            .withPropertyValues("xmpp.auto-startup=false", "xmpp.jid=bot@example.org", "xmpp.password=x");

    @Test
    void nameAndAvatarBindAndMakeTheVCardPluginsBeans() throws IOException {
        byte[] png = new ClassPathResource("avatar.png").getContentAsByteArray();
        runner.withPropertyValues("xmpp.profile.name=Help Bot", "xmpp.profile.avatar=classpath:avatar.png")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(VCardTemp.class)
                            .hasSingleBean(VCardAvatars.class).hasSingleBean(VCardProfile.class);
                    VCardProfile.Config config = context.getBean(VCardProfile.class).config();
                    assertThat(config.name()).isEqualTo("Help Bot");
                    assertThat(config.avatar().mimeType()).isEqualTo("image/png");
                    assertThat(config.avatar().data()).isEqualTo(png);
                    assertThat(context.getBean(XmppProfileProperties.class).getAvatarMaxSize())
                            .isEqualTo(DataSize.ofKilobytes(64));
                });
    }

    @Test
    void withoutAProfileThereAreNoVCardPlugins() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(VCardProfile.class)
                .doesNotHaveBean(VCardAvatars.class));
        runner.withPropertyValues("xmpp.mode=component", "xmpp.component.domain=bot.example.org",
                "xmpp.component.secret=s", "xmpp.profile.name=Bot")
                .run(context -> assertThat(context).doesNotHaveBean(VCardProfile.class));
    }

    @Test
    void theTypeComesFromTheNameWhenTheContentDoesNotTell(@TempDir Path dir) throws IOException {
        // An SVG: text, which the content sniffing does not recognise as an image.
        Path svg = Files.writeString(dir.resolve("bot.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        runner.withPropertyValues("xmpp.profile.avatar=file:" + svg).run(context -> {
            assertThat(context).hasNotFailed();
            VCardProfile.Config config = context.getBean(VCardProfile.class).config();
            assertThat(config.avatar().mimeType()).isEqualTo("image/svg+xml");
            assertThat(config.name()).isNull();
        });
    }

    @Test
    void aTooLargeMissingOrNonImageAvatarFailsStartUpNamingTheProperty(@TempDir Path dir) throws IOException {
        runner.withPropertyValues("xmpp.profile.avatar=classpath:avatar.png", "xmpp.profile.avatar-max-size=10B")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidXmppPropertyException.class)
                        .hasMessageContaining("xmpp.profile.avatar: ")
                        .hasMessageContaining("is larger than xmpp.profile.avatar-max-size (10 bytes)"));
        runner.withPropertyValues("xmpp.profile.avatar=classpath:no-such-avatar.png")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidXmppPropertyException.class)
                        .hasMessageContaining("xmpp.profile.avatar: ").hasMessageContaining("cannot be read"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a picture");
        runner.withPropertyValues("xmpp.profile.avatar=file:" + text)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidXmppPropertyException.class)
                        .hasMessageContaining("cannot tell what image"));
    }
}
