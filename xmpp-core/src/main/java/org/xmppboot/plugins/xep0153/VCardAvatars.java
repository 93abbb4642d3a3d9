package org.xmppboot.plugins.xep0153;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0054.VCard;
import org.xmppboot.plugins.xep0054.VCardTemp;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.Schema;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.Direction;

/**
 * XEP-0153 vCard-Based Avatars: publishes the bot's picture in its vCard, names the picture's hash in every
 * available presence the bot sends (an outbound filter adds the {@link VCardUpdate}), and tells when a contact's
 * picture changes.
 *
 * <p>What the presence says (§4.1): until our own vCard has been read in this session, an empty
 * {@code <x xmlns='vcard-temp:x:update'/>} ("not ready"); then the photo's SHA-1, or an empty {@code <photo/>}
 * when the card has none. When the hash becomes known or changes, the last broadcast presence is sent again
 * (or, when the client sent the initial presence itself, a plain available one), so that contacts learn it.
 * Another session of the same account is heeded as §4.3 says: one without the update element stops us naming a
 * hash; one naming another photo makes us read the card again and name what it now holds.
 *
 * <p>Events:
 * <ul>
 *   <li>{@value #EVENT_AVATAR_UPDATE}: the {@link Presence} of a contact whose photo hash differs from the one
 *       last seen from that bare JID (or is the first seen); read it with
 *       {@code presence.getVCardUpdate().getPhotoHash()}, {@code ""} for "no photo". Our own account's presences
 *       are not reported. Contacts are told apart by bare JID, so occupants of one chat room share an entry.</li>
 * </ul>
 */
public class VCardAvatars extends BasePlugin {

    public static final String NAME = "xep_0153";
    public static final String EVENT_AVATAR_UPDATE = "vcard_avatar_update";

    private static final Logger log = LoggerFactory.getLogger(VCardAvatars.class);
    /** Loading the plugin registers the update element on Presence. */
    private static final Schema<VCardUpdate> UPDATE = VCardUpdate.SCHEMA;
    /** After the filters of other plugins that edit presence, so that the stamp goes on what is really sent. */
    private static final int FILTER_ORDER = 900;

    private final Map<Jid, String> contactHashes = new ConcurrentHashMap<>();
    /** Our photo's hash: null until our vCard has been read this session, "" for no photo. */
    private volatile @Nullable String ownHash;
    /** The last available presence without {@code to} sent this session, as given (without our stamp). */
    private volatile @Nullable Presence lastBroadcast;

    public VCardAvatars() {
        super(NAME, VCardTemp.NAME);
    }

    @Override
    protected void start(PluginContext context) {
        context.addFilter(Direction.OUT, this::stamp, FILTER_ORDER);
        context.addEventHandler("presence_available", presence -> received((Presence) presence));
        context.addEventHandler("session_start", jid -> {
            ownHash = null;
            lastBroadcast = null;
            if (!context.isComponent()) { // a component has no vCard of its own on a server
                readOwnHash(context);
            }
        });
    }

    // ---------------------------------------------------------------- our avatar

    /** Our photo's SHA-1 in hex: null until known this session, {@code ""} for no photo. */
    public @Nullable String ownHash() {
        return ownHash;
    }

    /**
     * Puts a picture into our vCard (XEP-0153 §3.1) and announces its hash; completes with the hash. The rest
     * of the card is kept. The XEP asks for a small image (§4.6: under 8 KB, 32 to 96 pixels square);
     * nothing here checks.
     */
    public CompletableFuture<String> publishAvatar(byte[] image, String mimeType) {
        byte[] data = image.clone();
        return updateOwnVCard(card -> card.setPhoto(new VCard.Photo(mimeType, data))).thenApply(VCardAvatars::hashOf);
    }

    /** Removes the picture from our vCard and announces that there is none. */
    public CompletableFuture<Void> removeAvatar() {
        return updateOwnVCard(card -> card.setPhoto(null)).thenAccept(card -> { });
    }

    /**
     * Edits our vCard as {@link VCardTemp#editOwn} does (written only if changed), then announces the photo
     * hash of the card as it now is: how to change name and picture together.
     */
    public CompletableFuture<VCard> updateOwnVCard(Consumer<VCard> edit) {
        return require(VCardTemp.class).editOwn(edit).thenApply(card -> {
            learned(hashOf(card));
            return card;
        });
    }

    /** The SHA-1 of a card's photo in hex, {@code ""} when it has none (XEP-0153 §3.1). */
    public static String hashOf(VCard card) {
        VCard.Photo photo = card.getPhoto();
        return photo == null ? "" : sha1Hex(photo.data());
    }

    static String sha1Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-1", e);
        }
    }

    /** §4.2: a client MUST NOT announce a hash before it has read its vCard, on each new session. */
    private void readOwnHash(PluginContext context) {
        require(VCardTemp.class).getOwnVCard().thenAccept(card -> learned(hashOf(card))).exceptionally(failure -> {
            log.warn("[{}] could not read our vCard; presence says no avatar hash: {}", context.connectionName(),
                    failure.getMessage());
            return null;
        });
    }

    private void learned(String hash) {
        String before = ownHash;
        ownHash = hash;
        if (!hash.equals(before)) {
            rebroadcast();
        }
    }

    private void rebroadcast() {
        PluginContext context = context();
        if (!context.isSessionEstablished()) {
            return;
        }
        Presence last = lastBroadcast;
        if (last != null) {
            context.send(last.copy());
            return;
        }
        ClientXMPP client = context.unwrap(ClientXMPP.class);
        if (client != null && client.clientConfig().sendInitialPresence()) {
            // The client's own initial presence is written before any plugin can stamp it.
            context.makePresence(null, null, null, null).send();
        }
    }

    private @Nullable StanzaBase stamp(StanzaBase stanza) {
        if (stanza instanceof Presence presence && presence.getPresenceType() == Presence.Type.AVAILABLE) {
            if (presence.getTo() == null) {
                Presence given = presence.copy();
                given.removeExtension(UPDATE);
                given.setId(null); // sent again later as a stanza of its own
                lastBroadcast = given;
            }
            if (!presence.hasExtension(UPDATE)) {
                // §4.1: every presence broadcast carries the update, and directed ones should.
                presence.enableExtension(UPDATE).setPhotoHash(ownHash);
            }
        }
        return stanza;
    }

    // ---------------------------------------------------------------- contacts' avatars

    /**
     * Another session of our account sent presence (§4.3). One that does not do XEP-0153 may change the vCard
     * behind our back, so we stop naming a hash; one that names another photo than ours (or none) has changed
     * the card, so we reset ours (§4.4): "not ready" at once, then the hash of the card as it now is.
     */
    private void otherResource(@Nullable VCardUpdate update) {
        String current = ownHash;
        if (update == null) {
            if (current != null) {
                ownHash = null;
                rebroadcast();
            }
            return;
        }
        String theirs = update.getPhotoHash();
        if (theirs == null || theirs.equals(current)) {
            return; // not ready, or the same picture as ours
        }
        ownHash = null;
        rebroadcast();
        readOwnHash(context());
    }

    /** The photo hash last seen from a contact's bare JID ({@code ""}: no photo), or null if none seen. */
    public @Nullable String contactHash(Jid contact) {
        return contactHashes.get(contact.bare());
    }

    private void received(Presence presence) {
        Jid from = Jid.ofOrNull(presence.xml().attribute("from"));
        Jid own = context().boundJid();
        VCardUpdate update = presence.extension(UPDATE);
        if (from == null || own == null) {
            return;
        }
        if (from.bare().equals(own.bare())) {
            if (!from.equals(own)) {
                otherResource(update);
            }
            return;
        }
        if (update == null) {
            return;
        }
        String hash = update.getPhotoHash();
        if (hash == null) {
            return; // "not ready" or unreadable: says nothing about the photo
        }
        String previous = contactHashes.put(from.bare(), hash);
        if (!hash.equals(previous)) {
            context().event(EVENT_AVATAR_UPDATE, presence);
        }
    }
}
