package org.xmppboot.plugins.xep0045;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xmppboot.stanza.Message;
import org.xmppboot.xml.XmlElement;

class MucMessagesTest {

    private static Message body(String text) {
        Message message = new Message(new XmlElement("message", "jabber:client"));
        return message.setBody(text);
    }

    @Test
    void mentionsByAtOrByAddressingAtTheStart() {
        assertThat(MucMessages.mentions(body("thirdwitch: where hast thou been?"), "thirdwitch")).isTrue();
        assertThat(MucMessages.mentions(body("ThirdWitch, sister"), "thirdwitch")).isTrue();
        assertThat(MucMessages.mentions(body("killing swine, @thirdwitch."), "thirdwitch")).isTrue();
        assertThat(MucMessages.mentions(body("@thirdwitch"), "thirdwitch")).isTrue();
    }

    @Test
    void aNickInsideOtherWordsOrWithoutAddressIsNoMention() {
        assertThat(MucMessages.mentions(body("the thirdwitch is late"), "thirdwitch")).isFalse();
        assertThat(MucMessages.mentions(body("@thirdwitches"), "thirdwitch")).isFalse();
        assertThat(MucMessages.mentions(body("mail@thirdwitch"), "thirdwitch")).isFalse();
        assertThat(MucMessages.mentions(body("thirdwitchery: no"), "thirdwitch")).isFalse();
        assertThat(MucMessages.mentions(new Message(new XmlElement("message", "jabber:client")), "x")).isFalse();
    }
}
