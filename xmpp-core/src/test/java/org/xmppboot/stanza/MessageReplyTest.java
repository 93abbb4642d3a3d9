package org.xmppboot.stanza;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.xml.XmlElement;

class MessageReplyTest {

    private static Message message(String xml) {
        return new Message(XmlElement.parse(xml));
    }

    @Test
    void aChatReplyGoesBackToTheSendersFullJidWithTheThread() {
        Message reply = message("<message xmlns='jabber:client' from='juliet@capulet.lit/balcony' type='chat'>"
                + "<body>hi</body><thread>t1</thread></message>").reply("hello");
        assertThat(reply.getTo()).isEqualTo(Jid.of("juliet@capulet.lit/balcony"));
        assertThat(reply.getThread()).isEqualTo("t1");
        assertThat(reply.getBody()).isEqualTo("hello");
    }

    @Test
    void aGroupchatReplyGoesToTheRoomNotToTheOccupant() {
        Message reply = message("<message xmlns='jabber:client' from='coven@chat.shakespeare.lit/thirdwitch' "
                + "type='groupchat'><body>bot: help</body></message>").reply("Commands: ...");
        assertThat(reply.getTo()).isEqualTo(Jid.of("coven@chat.shakespeare.lit"));
        assertThat(reply.getMessageType()).isEqualTo(Message.Type.GROUPCHAT);
    }
}
