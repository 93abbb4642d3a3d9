package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

class MatcherTest {

    private static final Message CHAT = new Message(XmlElement.parse(
            "<message xmlns='jabber:client' type='chat' id='m1' from='a@b/c'><body>hi</body>"
                    + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>"));
    private static final Message HEADLINE = new Message(XmlElement.parse(
            "<message xmlns='jabber:client' type='headline'><subject>s</subject></message>"));
    private static final Iq DISCO = new Iq(XmlElement.parse(
            "<iq xmlns='jabber:client' type='get' id='q1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));

    private static void check(Matcher m, boolean chat, boolean headline, boolean disco) {
        assertThat(m.matches(CHAT)).as("%s on the chat message", m).isEqualTo(chat);
        assertThat(m.matches(HEADLINE)).as("%s on the headline", m).isEqualTo(headline);
        assertThat(m.matches(DISCO)).as("%s on the disco iq", m).isEqualTo(disco);
    }

    @Test
    void stanzaPaths() {
        check(Matcher.stanzaPath("message"), true, true, false);
        check(Matcher.stanzaPath("message@type=chat"), true, false, false);
        check(Matcher.stanzaPath("message/body"), true, false, false);
        check(Matcher.stanzaPath("message@type=chat/body"), true, false, false);
        check(Matcher.stanzaPath("message@type=headline/body"), false, false, false);
        check(Matcher.stanzaPath("message@id"), true, false, false);
        check(Matcher.stanzaPath("message/{http://jabber.org/protocol/chatstates}active"), true, false, false);
        check(Matcher.stanzaPath("iq@type=get/{http://jabber.org/protocol/disco#info}query"), false, false, true);
        check(Matcher.stanzaPath("iq@type=set/{http://jabber.org/protocol/disco#info}query"), false, false, false);
        check(Matcher.stanzaPath("iq/{http://jabber.org/protocol/disco#items}query"), false, false, false);
    }

    @Test
    void xpaths() {
        check(Matcher.xpath("{jabber:client}message"), true, true, false);
        check(Matcher.xpath("{jabber:client}message/{jabber:client}body"), true, false, false);
        check(Matcher.xpath("{jabber:component:accept}message"), false, false, false);
        check(Matcher.xpath("{jabber:client}iq/{http://jabber.org/protocol/disco#info}query"), false, false, true);
        assertThatThrownBy(() -> Matcher.xpath("{unclosed")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Matcher.xpath("a//b")).hasMessageContaining("Empty step");
    }

    @Test
    void masks() {
        check(Matcher.mask("<message type='chat'><body/></message>"), true, false, false);
        check(Matcher.mask("<message><body>hi</body></message>"), true, false, false);
        check(Matcher.mask("<message><body>other</body></message>"), false, false, false);
        check(Matcher.mask("<message type='headline'/>"), false, true, false);
        check(Matcher.mask("<iq><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"), false, false, true);
        check(Matcher.mask("<iq><query xmlns='jabber:iq:roster'/></iq>"), false, false, false);
    }

    @Test
    void ids() {
        check(Matcher.id("m1"), true, false, false);
        check(Matcher.id("q1"), false, false, true);
    }

    @Test
    void genericStanzasMatchByElementName() {
        StanzaBase other = new StanzaBase(XmlElement.parse("<r xmlns='urn:xmpp:sm:3' h='1'/>"));
        assertThat(Matcher.xpath("{urn:xmpp:sm:3}r").matches(other)).isTrue();
        assertThat(Matcher.mask("<r xmlns='urn:xmpp:sm:3'/>").matches(other)).isTrue();
        assertThat(Matcher.stanzaPath("message").matches(other)).isFalse();
    }
}
