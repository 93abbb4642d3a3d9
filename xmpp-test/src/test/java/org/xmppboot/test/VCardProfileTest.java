package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.xmppboot.plugins.xep0153.VCardAvatars;
import org.xmppboot.plugins.xep0153.VCardProfile;
import org.xmppboot.xml.XmlElement;

/** The configured name and avatar are written at session start only when the card differs. */
class VCardProfileTest {

    private static final VCardProfile.Config CONFIG = new VCardProfile.Config("Help Bot",
            new VCardProfile.Avatar(VCardAvatarTest.IMAGE, "image/png"));

    private static StreamTester session() {
        return StreamTester.client("bot@example.com/r", new VCardProfile(CONFIG));
    }

    /** Answers both reads of our card at session start (the avatars' and the profile's) with {@code card}. */
    private static void answerReads(StreamTester t, String card) {
        for (int i = 0; i < 2; i++) {
            XmlElement get = t.expectSent("<iq type='get'><vCard xmlns='vcard-temp'/></iq>",
                    StreamTester.Match.IGNORE_ID);
            t.recv("<iq type='result' id='" + get.attribute("id") + "'>" + card + "</iq>");
        }
    }

    @Test
    void aCardThatDiffersIsWrittenWithItsOtherFieldsKept() {
        try (StreamTester t = session()) {
            answerReads(t, "<vCard xmlns='vcard-temp'><FN>Old Name</FN><URL>https://example.com/</URL></vCard>");
            XmlElement set = t.expectSent("<iq type='set'><vCard xmlns='vcard-temp'><FN>Help Bot</FN>"
                    + "<URL>https://example.com/</URL><NICKNAME>Help Bot</NICKNAME><PHOTO><TYPE>image/png</TYPE>"
                    + "<BINVAL>" + VCardAvatarTest.IMAGE_BASE64 + "</BINVAL></PHOTO></vCard></iq>",
                    StreamTester.Match.IGNORE_ID);
            t.recv("<iq type='result' id='" + set.attribute("id") + "'/>");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> VCardAvatarTest.IMAGE_HASH
                    .equals(t.client().plugin(VCardAvatars.class).ownHash()));
        }
    }

    @Test
    void aCardThatAlreadyShowsTheProfileIsNotWrittenAgain() {
        try (StreamTester t = session()) {
            // The server's base64 wrapped in lines, as some servers store it: the same picture.
            String wrapped = VCardAvatarTest.IMAGE_BASE64.substring(0, 8) + "\n"
                    + VCardAvatarTest.IMAGE_BASE64.substring(8);
            answerReads(t, "<vCard xmlns='vcard-temp'><FN>Help Bot</FN><NICKNAME>Help Bot</NICKNAME>"
                    + "<PHOTO><TYPE>image/png</TYPE><BINVAL>" + wrapped + "</BINVAL></PHOTO></vCard>");
            t.expectNothingSent(Duration.ofMillis(500));
            assertThat(t.client().plugin(VCardAvatars.class).ownHash()).isEqualTo(VCardAvatarTest.IMAGE_HASH);
        }
    }
}
