package org.xmppboot.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * The bot's public profile ({@code xmpp.profile.*}): the name and picture other users see in its vCard
 * (XEP-0054, with the picture announced by XEP-0153). Written at session start only when the card differs.
 */
@ConfigurationProperties("xmpp.profile")
public class XmppProfileProperties {

    /** The bot's name, written as the vCard's full name (FN) and nickname (NICKNAME). Unset leaves them. */
    private @Nullable String name;

    /**
     * The bot's picture, such as classpath:avatar.png: PNG, JPEG, GIF or another image type, told from
     * the content or else the file name. Unset leaves the vCard's picture as it is.
     */
    private @Nullable Resource avatar;

    /**
     * The largest picture accepted; a larger one fails start-up. XEP-0153 recommends under 8 KB; servers limit
     * the size of a stanza (the vCard carries the picture in base64, a third larger).
     */
    private DataSize avatarMaxSize = DataSize.ofKilobytes(64);

    public @Nullable String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public @Nullable Resource getAvatar() {
        return avatar;
    }

    public void setAvatar(@Nullable Resource avatar) {
        this.avatar = avatar;
    }

    public DataSize getAvatarMaxSize() {
        return avatarMaxSize;
    }

    public void setAvatarMaxSize(DataSize avatarMaxSize) {
        this.avatarMaxSize = avatarMaxSize;
    }
}
