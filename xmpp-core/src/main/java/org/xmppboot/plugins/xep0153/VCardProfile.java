package org.xmppboot.plugins.xep0153;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0054.VCard;
import org.xmppboot.plugins.xep0054.VCardTemp;

/**
 * Keeps the bot's vCard showing a configured name (as {@code FN} and {@code NICKNAME}) and avatar: at each new
 * session it reads the card and writes it back only if the name or picture differ, so that reconnecting does not
 * rewrite it. What is not configured is left as it is on the server; so are the card's other fields.
 *
 * <p>Raises no events of its own; {@link VCardAvatars} announces the picture's hash.
 */
public class VCardProfile extends BasePlugin {

    public static final String NAME = "vcard_profile";

    private static final Logger log = LoggerFactory.getLogger(VCardProfile.class);

    /**
     * What the card should show.
     *
     * @param name the bot's name, or null to leave it
     * @param avatar the picture, or null to leave it
     */
    public record Config(@Nullable String name, @Nullable Avatar avatar) {

        public static final Config DEFAULT = new Config(null, null);
    }

    /** An image and its MIME type ({@code image/png}). */
    public record Avatar(byte[] data, String mimeType) {

        public Avatar {
            data = data.clone();
            Objects.requireNonNull(mimeType, "mimeType");
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    private volatile Config config;

    public VCardProfile() {
        this(Config.DEFAULT);
    }

    public VCardProfile(Config config) {
        super(NAME, VCardTemp.NAME, VCardAvatars.NAME);
        this.config = config;
    }

    /** Replaces the settings; before connecting. */
    public VCardProfile configure(Config config) {
        this.config = config;
        return this;
    }

    public Config config() {
        return config;
    }

    @Override
    protected void start(PluginContext context) {
        context.addEventHandler("session_start", jid -> {
            Config wanted = config;
            if (wanted.name() == null && wanted.avatar() == null) {
                return;
            }
            require(VCardAvatars.class).updateOwnVCard(card -> apply(card, wanted)).exceptionally(failure -> {
                log.warn("[{}] could not update our vCard: {}", context.connectionName(), failure.getMessage());
                return null;
            });
        });
    }

    /** Sets what differs; leaves a card that already shows the configuration untouched. */
    static void apply(VCard card, Config wanted) {
        String name = wanted.name();
        if (name != null) {
            if (!name.equals(card.getFullName())) {
                card.setFullName(name);
            }
            if (!name.equals(card.getNickname())) {
                card.setNickname(name);
            }
        }
        Avatar avatar = wanted.avatar();
        if (avatar != null) {
            VCard.Photo photo = card.getPhoto();
            if (photo == null || !avatar.mimeType().equals(photo.type())
                    || !Arrays.equals(avatar.data(), photo.data())) {
                card.setPhoto(new VCard.Photo(avatar.mimeType(), avatar.data()));
            }
        }
    }
}
