package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.plugins.xep0153.VCardAvatars;
import org.xmppboot.plugins.xep0153.VCardUpdate;
import org.xmppboot.stanza.Presence;
import org.xmppboot.xml.XmlElement;

/** XEP-0153 over the scripted transport: the hash in our presence, publishing, contacts' changes. */
class VCardAvatarTest {

    static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
    static final String IMAGE_BASE64 = Base64.getEncoder().encodeToString(IMAGE);
    static final String IMAGE_HASH = sha1(IMAGE);

    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static StreamTester session() {
        return StreamTester.client("juliet@capulet.com/balcony", new VCardAvatars());
    }

    /** The read of our own vCard at session start (XEP-0153 §4.2), answered with {@code card}. */
    private static void answerOwnCard(StreamTester t, String card) {
        XmlElement get = t.expectSent("<iq type='get'><vCard xmlns='vcard-temp'/></iq>",
                StreamTester.Match.IGNORE_ID);
        t.recv("<iq type='result' id='" + get.attribute("id") + "'>" + card + "</iq>");
    }

    private static void awaitOwnHash(StreamTester t, String hash) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> hash.equals(t.client().plugin(VCardAvatars.class).ownHash()));
    }

    @Test
    void presenceSaysNotReadyUntilOurCardIsReadThenCarriesTheHash() {
        try (StreamTester t = session()) {
            XmlElement get = t.expectSent("<iq type='get'><vCard xmlns='vcard-temp'/></iq>",
                    StreamTester.Match.IGNORE_ID);
            t.client().makePresence(null, Presence.Show.AWAY, "reading", null).send();
            // §4.1: not ready yet, an update element without <photo/>.
            t.expectSent("<presence><show>away</show><status>reading</status>"
                    + "<x xmlns='vcard-temp:x:update'/></presence>");

            // Our card has a photo: the last presence goes out again with its hash (§3.1, Example 3).
            t.recv("<iq type='result' id='" + get.attribute("id") + "'><vCard xmlns='vcard-temp'><FN>Juliet</FN>"
                    + "<PHOTO><TYPE>image/png</TYPE><BINVAL>" + IMAGE_BASE64 + "</BINVAL></PHOTO></vCard></iq>");
            t.expectSent("<presence><show>away</show><status>reading</status>"
                    + "<x xmlns='vcard-temp:x:update'><photo>" + IMAGE_HASH + "</photo></x></presence>");
            assertThat(t.client().plugin(VCardAvatars.class).ownHash()).isEqualTo(IMAGE_HASH);

            // Directed presence carries it too; unavailable presence does not.
            t.client().makePresence(org.xmppboot.jid.Jid.of("room@chat.example/j"), null, null, null).send();
            t.expectSent("<presence to='room@chat.example/j'><x xmlns='vcard-temp:x:update'><photo>" + IMAGE_HASH
                    + "</photo></x></presence>");
            t.client().makePresence(null, null, null, Presence.Type.UNAVAILABLE).send();
            t.expectSent("<presence type='unavailable'/>");
        }
    }

    @Test
    void theInitialPresenceSaysTheHashIsNotKnownYetAndTheNextCarriesIt() {
        org.xmppboot.client.ClientConfig config = org.xmppboot.client.ClientConfig
                .builder(org.xmppboot.jid.Jid.of("juliet@capulet.com"), "pw").fetchRoster(false)
                .sendInitialPresence(true).reconnect(org.xmppboot.reconnect.ReconnectPolicy.DISABLED)
                .stream(org.xmppboot.stream.StreamConfig.defaults().withName("tester")).build();
        try (StreamTester t = StreamTester.client(config, "balcony", new VCardAvatars())) {
            // §4.1: before our vCard is read, the update element is there, empty: "not known yet".
            t.expectSent("<presence><x xmlns='vcard-temp:x:update'/></presence>");
            answerOwnCard(t, "<vCard xmlns='vcard-temp'><PHOTO><TYPE>image/png</TYPE><BINVAL>" + IMAGE_BASE64
                    + "</BINVAL></PHOTO></vCard>");
            t.expectSent("<presence><x xmlns='vcard-temp:x:update'><photo>" + IMAGE_HASH + "</photo></x></presence>");
        }
    }

    @Test
    void anotherSessionOfOurAccountWithAnotherPhotoMakesUsReadTheCardAgain() {
        try (StreamTester t = session()) {
            answerOwnCard(t, "<vCard xmlns='vcard-temp'/>");
            awaitOwnHash(t, "");
            t.client().makePresence(null, null, "here", null).send();
            t.expectSent("<presence><status>here</status><x xmlns='vcard-temp:x:update'><photo/></x></presence>");

            // Our own session says the same: nothing to do.
            t.recv("<presence from='juliet@capulet.com/balcony'><x xmlns='vcard-temp:x:update'><photo/></x>"
                    + "</presence>");
            // Another session with the same (no) photo, or not ready: nothing to do either.
            t.recv("<presence from='juliet@capulet.com/chamber'><x xmlns='vcard-temp:x:update'><photo/></x>"
                    + "</presence>");
            t.recv("<presence from='juliet@capulet.com/chamber'><x xmlns='vcard-temp:x:update'/></presence>");
            t.expectNothingSent(Duration.ofMillis(300));

            // §4.3, §4.4: another session names another photo: "not ready" at once, read the card, name its hash.
            t.recv("<presence from='juliet@capulet.com/chamber'><x xmlns='vcard-temp:x:update'><photo>"
                    + IMAGE_HASH + "</photo></x></presence>");
            t.expectSent("<presence><status>here</status><x xmlns='vcard-temp:x:update'/></presence>");
            answerOwnCard(t, "<vCard xmlns='vcard-temp'><PHOTO><TYPE>image/png</TYPE><BINVAL>" + IMAGE_BASE64
                    + "</BINVAL></PHOTO></vCard>");
            t.expectSent("<presence><status>here</status><x xmlns='vcard-temp:x:update'><photo>" + IMAGE_HASH
                    + "</photo></x></presence>");

            // §4.3: a session that does not do XEP-0153 may change the card unseen: we stop naming a hash.
            t.recv("<presence from='juliet@capulet.com/phone'/>");
            t.expectSent("<presence><status>here</status><x xmlns='vcard-temp:x:update'/></presence>");
            assertThat(t.client().plugin(VCardAvatars.class).ownHash()).isNull();
        }
    }

    @Test
    void aCardWithoutPhotoIsAnnouncedAsAnEmptyPhoto() {
        try (StreamTester t = session()) {
            answerOwnCard(t, "<vCard xmlns='vcard-temp'><FN>Juliet</FN></vCard>");
            awaitOwnHash(t, "");
            t.client().makePresence(null, null, null, null).send();
            t.expectSent("<presence><x xmlns='vcard-temp:x:update'><photo/></x></presence>");
        }
    }

    @Test
    void publishingPutsThePhotoIntoTheCardKeepingTheRestAndAnnouncesIt() throws Exception {
        try (StreamTester t = session()) {
            answerOwnCard(t, "<vCard xmlns='vcard-temp'><FN>Juliet</FN></vCard>");
            awaitOwnHash(t, "");
            t.client().makePresence(null, Presence.Show.CHAT, null, null).send();
            t.expectSent("<presence><show>chat</show><x xmlns='vcard-temp:x:update'><photo/></x></presence>");

            CompletableFuture<String> published =
                    t.client().plugin(VCardAvatars.class).publishAvatar(IMAGE, "image/png");
            answerOwnCard(t, "<vCard xmlns='vcard-temp'><FN>Juliet</FN><ORG><ORGNAME>Capulet</ORGNAME></ORG>"
                    + "</vCard>");
            // §3.1, Example 1: the whole card with the photo.
            XmlElement set = t.expectSent("<iq type='set'><vCard xmlns='vcard-temp'><FN>Juliet</FN>"
                    + "<ORG><ORGNAME>Capulet</ORGNAME></ORG><PHOTO><TYPE>image/png</TYPE><BINVAL>" + IMAGE_BASE64
                    + "</BINVAL></PHOTO></vCard></iq>", StreamTester.Match.IGNORE_ID);
            t.recv("<iq type='result' id='" + set.attribute("id") + "'/>");
            assertThat(published.get(5, TimeUnit.SECONDS)).isEqualTo(IMAGE_HASH);
            // §3.1, Example 3: contacts learn it from our presence, sent again.
            t.expectSent("<presence><show>chat</show><x xmlns='vcard-temp:x:update'><photo>" + IMAGE_HASH
                    + "</photo></x></presence>");
        }
    }

    @Test
    void aContactsNewHashIsRaisedOnceAndNoiseIsIgnored() throws Exception {
        try (StreamTester t = session()) {
            answerOwnCard(t, "<vCard xmlns='vcard-temp'/>");
            BlockingQueue<Presence> updates = new LinkedBlockingQueue<>();
            BlockingQueue<Presence> available = new LinkedBlockingQueue<>();
            t.client().addEventHandler(VCardAvatars.EVENT_AVATAR_UPDATE, p -> updates.add((Presence) p));
            t.client().addEventHandler("presence_available", p -> available.add((Presence) p));
            String hash = "01b87fcd030b72895ff8e88db57ec525450f000d";

            // Example 3.
            t.recv("<presence from='romeo@montague.net/orchard'><x xmlns='vcard-temp:x:update'><photo>" + hash
                    + "</photo></x></presence>");
            Presence first = updates.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.getVCardUpdate().getPhotoHash()).isEqualTo(hash);
            assertThat(t.client().plugin(VCardAvatars.class).contactHash(first.getFrom())).isEqualTo(hash);

            // The same hash from another resource: nothing new.
            t.recv("<presence from='romeo@montague.net/garden'><x xmlns='vcard-temp:x:update'><photo>" + hash
                    + "</photo></x></presence>");
            // Not ready, and an unreadable hash: they say nothing about the photo.
            t.recv("<presence from='romeo@montague.net/orchard'><x xmlns='vcard-temp:x:update'/></presence>");
            t.recv("<presence from='romeo@montague.net/orchard'><x xmlns='vcard-temp:x:update'><photo>not-a-hash"
                    + "</photo></x></presence>");
            // Our own presence, reflected by the server.
            t.recv("<presence from='juliet@capulet.com/balcony'><x xmlns='vcard-temp:x:update'><photo>" + hash
                    + "</photo></x></presence>");
            // The photo removed: an empty <photo/>.
            t.recv("<presence from='romeo@montague.net/orchard'><x xmlns='vcard-temp:x:update'><photo/></x>"
                    + "</presence>");
            Presence removed = updates.poll(5, TimeUnit.SECONDS);
            assertThat(removed.getVCardUpdate().getPhotoHash()).isEmpty();
            assertThat(updates.poll(300, TimeUnit.MILLISECONDS)).isNull();
            for (int i = 0; i < 6; i++) {
                assertThat(available.poll(5, TimeUnit.SECONDS)).as("every presence still reaches handlers")
                        .isNotNull();
            }
            assertThat(new Presence(XmlElement.parse("<presence xmlns='jabber:client'/>")).getVCardUpdate()).isNull();
            assertThat(first.get("vcard_temp_update")).isInstanceOf(VCardUpdate.class);
        }
    }
}
