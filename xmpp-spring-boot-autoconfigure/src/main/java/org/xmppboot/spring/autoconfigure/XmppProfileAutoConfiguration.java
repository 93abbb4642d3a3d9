package org.xmppboot.spring.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.Resource;
import org.xmppboot.plugins.xep0054.VCardTemp;
import org.xmppboot.plugins.xep0153.VCardAvatars;
import org.xmppboot.plugins.xep0153.VCardProfile;

/**
 * The bot's vCard name and avatar from {@code xmpp.profile.*} ({@link XmppProfileProperties}): when either is
 * set, the vCard plugins (XEP-0054, XEP-0153) and a {@link VCardProfile} are plugin beans, registered on the
 * connection like any other, and the card is written at session start only when it differs. The avatar is read
 * once, at start-up, which fails naming the property when it cannot be read, is too large or is not an image.
 */
@AutoConfiguration(after = XmppAutoConfiguration.class)
@ConditionalOnProperty(name = "xmpp.mode", havingValue = "client", matchIfMissing = true)
@Conditional(XmppProfileAutoConfiguration.ProfileSet.class)
@EnableConfigurationProperties(XmppProfileProperties.class)
public final class XmppProfileAutoConfiguration {

    private static final String AVATAR = "xmpp.profile.avatar";

    @Bean
    @ConditionalOnMissingBean
    VCardTemp xmppVCardTemp() {
        return new VCardTemp();
    }

    @Bean
    @ConditionalOnMissingBean
    VCardAvatars xmppVCardAvatars() {
        return new VCardAvatars();
    }

    @Bean
    @ConditionalOnMissingBean
    VCardProfile xmppVCardProfile(XmppProfileProperties properties) {
        Resource avatar = properties.getAvatar();
        return new VCardProfile(new VCardProfile.Config(properties.getName(),
                avatar == null ? null : readAvatar(avatar, properties.getAvatarMaxSize().toBytes())));
    }

    static VCardProfile.Avatar readAvatar(Resource resource, long maxBytes) {
        byte[] data;
        try (InputStream in = resource.getInputStream()) {
            data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new InvalidXmppPropertyException(AVATAR, resource.getDescription() + " cannot be read ("
                    + e.getMessage() + ")", "Name an image that exists, such as classpath:avatar.png.");
        }
        if (data.length > maxBytes) {
            throw new InvalidXmppPropertyException(AVATAR, resource.getDescription() + " is larger than "
                    + "xmpp.profile.avatar-max-size (" + maxBytes + " bytes)",
                    "Use a smaller image (XEP-0153 recommends under 8 KB), or raise xmpp.profile.avatar-max-size.");
        }
        String type = imageType(data, resource.getFilename());
        if (type == null) {
            throw new InvalidXmppPropertyException(AVATAR, "cannot tell what image " + resource.getDescription()
                    + " is, from its content or its name", "Use a PNG, JPEG or GIF file.");
        }
        return new VCardProfile.Avatar(data, type);
    }

    /** The MIME type from the content's first bytes, else from the file name; null unless an image. */
    private static @Nullable String imageType(byte[] data, @Nullable String filename) {
        String type;
        try {
            type = URLConnection.guessContentTypeFromStream(new ByteArrayInputStream(data));
        } catch (IOException e) {
            type = null; // not for an in-memory stream
        }
        if (type == null && filename != null) {
            type = URLConnection.guessContentTypeFromName(filename);
        }
        return type != null && type.startsWith("image/") ? type : null;
    }

    /** {@code xmpp.profile.name} or {@code xmpp.profile.avatar} is set. */
    static final class ProfileSet extends AnyNestedCondition {

        ProfileSet() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("xmpp.profile.name")
        static final class Name {
        }

        @ConditionalOnProperty(AVATAR)
        static final class Avatar {
        }
    }
}
