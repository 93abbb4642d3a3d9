package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0054.VCard;
import org.xmppboot.plugins.xep0054.VCardTemp;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.xml.XmlElement;

/** XEP-0054 with the XEP's examples over the scripted transport (against Prosody: VCardIntegrationTest). */
class VCardTempTest {

    /** XEP-0054 Example 2, shortened: the typed fields and some the class does not type (N, ORG, TEL). */
    static final String STPETER_CARD = "<vCard xmlns='vcard-temp'><FN>Peter Saint-Andre</FN>"
            + "<N><FAMILY>Saint-Andre</FAMILY><GIVEN>Peter</GIVEN><MIDDLE/></N><NICKNAME>stpeter</NICKNAME>"
            + "<URL>http://www.xmpp.org/xsf/people/stpeter.shtml</URL><BDAY>1966-08-06</BDAY>"
            + "<ORG><ORGNAME>XMPP Standards Foundation</ORGNAME><ORGUNIT/></ORG>"
            + "<TEL><WORK/><VOICE/><NUMBER>303-308-3282</NUMBER></TEL>"
            + "<EMAIL><INTERNET/><PREF/><USERID>stpeter@jabber.org</USERID></EMAIL>"
            + "<JABBERID>stpeter@jabber.org</JABBERID><DESC>More information about me is located on my personal "
            + "website: http://www.saint-andre.com/</DESC></vCard>";

    private static StreamTester session() {
        return StreamTester.client("stpeter@jabber.org/roundabout", new VCardTemp());
    }

    private static VCardTemp plugin(StreamTester t) {
        return t.client().plugin(VCardTemp.class);
    }

    /** Expects the get of Example 1 (to {@code to}, or to no one for our own), answers with {@code result}. */
    private static void answerGet(StreamTester t, String to, String result) {
        XmlElement get = t.expectSent("<iq type='get'" + to + "><vCard xmlns='vcard-temp'/></iq>",
                StreamTester.Match.IGNORE_ID);
        t.recv(result.replace("$ID", get.attribute("id")));
    }

    @Test
    void ourCardIsReadWithItsTypedFieldsAndTheRestKept() throws Exception {
        try (StreamTester t = session()) {
            CompletableFuture<VCard> read = plugin(t).getOwnVCard();
            answerGet(t, "", "<iq id='$ID' to='stpeter@jabber.org/roundabout' type='result'>" + STPETER_CARD
                    + "</iq>");
            VCard card = read.get(5, TimeUnit.SECONDS);

            assertThat(card.getFullName()).isEqualTo("Peter Saint-Andre");
            assertThat(card.getNickname()).isEqualTo("stpeter");
            assertThat(card.getUrl()).isEqualTo("http://www.xmpp.org/xsf/people/stpeter.shtml");
            assertThat(card.getBirthday()).isEqualTo("1966-08-06");
            assertThat(card.getEmail()).isEqualTo("stpeter@jabber.org");
            assertThat(card.getDescription()).startsWith("More information about me");
            assertThat(card.get("JABBERID")).isEqualTo("stpeter@jabber.org");
            assertThat(card.getPhoto()).isNull();
            StreamTester.checkRoundTrip(card);
        }
    }

    @Test
    void editingWritesTheWholeCardBackOnlyWhenSomethingChanged() throws Exception {
        try (StreamTester t = session()) {
            CompletableFuture<VCard> edit = plugin(t).editOwn(card -> card.setNickname("peter"));
            answerGet(t, "", "<iq id='$ID' type='result'>" + STPETER_CARD + "</iq>");
            // Example 5: the set carries the whole card; what the class does not type is as it came.
            XmlElement set = t.expectSent("<iq type='set'>"
                    + STPETER_CARD.replace("<NICKNAME>stpeter</NICKNAME>", "<NICKNAME>peter</NICKNAME>") + "</iq>",
                    StreamTester.Match.IGNORE_ID);
            t.recv("<iq id='" + set.attribute("id") + "' type='result'/>");
            assertThat(edit.get(5, TimeUnit.SECONDS).getNickname()).isEqualTo("peter");

            CompletableFuture<VCard> again = plugin(t).editOwn(card -> card.setNickname("peter"));
            answerGet(t, "", "<iq id='$ID' type='result'>"
                    + STPETER_CARD.replace("<NICKNAME>stpeter</NICKNAME>", "<NICKNAME>peter</NICKNAME>") + "</iq>");
            assertThat(again.get(5, TimeUnit.SECONDS).getNickname()).isEqualTo("peter");
            t.expectNothingSent(Duration.ofMillis(300));
        }
    }

    @Test
    void anotherUsersCardIsAskedOfTheBareJidAndAMissingCardIsEmpty() throws Exception {
        try (StreamTester t = session()) {
            // Example 8: to the bare JID, whatever JID we were given.
            CompletableFuture<VCard> read = plugin(t).getVCard(Jid.of("jer@jabber.org/home"));
            answerGet(t, " to='jer@jabber.org'", "<iq id='$ID' from='jer@jabber.org' type='result'>"
                    + "<vCard xmlns='vcard-temp'><FN>Jeremie Miller</FN></vCard></iq>");
            assertThat(read.get(5, TimeUnit.SECONDS).getFullName()).isEqualTo("Jeremie Miller");

            // Example 3: no card as item-not-found, read as an empty card.
            CompletableFuture<VCard> none = plugin(t).getVCard(Jid.of("nobody@jabber.org"));
            answerGet(t, " to='nobody@jabber.org'", "<iq id='$ID' from='nobody@jabber.org' type='error'>"
                    + "<vCard xmlns='vcard-temp'/><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            VCard empty = none.get(5, TimeUnit.SECONDS);
            assertThat(empty.getFullName()).isNull();
            assertThat(empty.xml().elements()).isEmpty();

            // An empty result is an empty card too.
            CompletableFuture<VCard> bare = plugin(t).getVCard(Jid.of("quiet@jabber.org"));
            answerGet(t, " to='quiet@jabber.org'", "<iq id='$ID' from='quiet@jabber.org' type='result'/>");
            assertThat(bare.get(5, TimeUnit.SECONDS).xml().elements()).isEmpty();

            // Example 10: no card (or no such account) as service-unavailable, an empty card too.
            CompletableFuture<VCard> unknown = plugin(t).getVCard(Jid.of("ghost@jabber.org"));
            answerGet(t, " to='ghost@jabber.org'", "<iq id='$ID' from='ghost@jabber.org' type='error'>"
                    + "<vCard xmlns='vcard-temp'/><error type='cancel'>"
                    + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
            assertThat(unknown.get(5, TimeUnit.SECONDS).xml().elements()).isEmpty();

            // Other errors are errors.
            CompletableFuture<VCard> refused = plugin(t).getVCard(Jid.of("hidden@far.example"));
            answerGet(t, " to='hidden@far.example'", "<iq id='$ID' from='hidden@far.example' type='error'>"
                    + "<error type='cancel'><remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                    + "</error></iq>");
            assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StanzaErrorException.class)
                    .extracting(e -> ((StanzaErrorException) e).condition())
                    .isEqualTo(StanzaError.Condition.REMOTE_SERVER_NOT_FOUND);
        }
    }

    @Test
    void aPhotoIsWrittenAsBase64AndReadBackAndABrokenOneReadsAsNone() {
        VCard card = VCard.create().setFullName("Bot");
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
        card.setPhoto(new VCard.Photo("image/png", image));
        assertThat(card.xml().element("PHOTO", VCardTemp.NAMESPACE).childText("BINVAL", VCardTemp.NAMESPACE))
                .isEqualTo("iVBORwABAgM=");
        VCard.Photo photo = StreamTester.checkRoundTrip(card).getPhoto();
        assertThat(photo.type()).isEqualTo("image/png");
        assertThat(photo.data()).isEqualTo(image);

        VCard wrapped = new VCard(XmlElement.parse("<vCard xmlns='vcard-temp'><PHOTO><TYPE>image/png</TYPE>"
                + "<BINVAL>iVBO\n  RwAB\nAgM=</BINVAL></PHOTO></vCard>"));
        assertThat(wrapped.getPhoto().data()).as("line breaks in base64 are allowed").isEqualTo(image);
        VCard broken = new VCard(XmlElement.parse("<vCard xmlns='vcard-temp'><PHOTO><BINVAL>**not base64**"
                + "</BINVAL></PHOTO></vCard>"));
        assertThat(broken.getPhoto()).isNull();

        card.setPhoto(null);
        assertThat(card.xml().element("PHOTO", VCardTemp.NAMESPACE)).isNull();
        Iq iq = new Iq(XmlElement.parse("<iq xmlns='jabber:client' type='result'>" + STPETER_CARD + "</iq>"));
        assertThat(iq.get("vcard_temp")).isInstanceOf(VCard.class);
    }
}
