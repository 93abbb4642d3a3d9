package org.xmppboot.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0203.Delay;
import org.xmppboot.xml.XmlElement;

class StanzaTest {

    private static Message message(String xml) {
        return new Message(XmlElement.parse(xml));
    }

    @Test
    void namedInterfacesGetSetAndDelete() {
        Message m = Message.SCHEMA.create("jabber:client");
        m.set("to", "juliet@example.com").set("type", "chat").set("body", "hi").set("subject", "s");

        assertThat(m.get("body")).isEqualTo("hi");
        assertThat(m.getBody()).isEqualTo("hi");
        assertThat(m.getTo()).isEqualTo(Jid.of("juliet@example.com"));
        assertThat(m.getMessageType()).isEqualTo(Message.Type.CHAT);
        m.del("subject");
        assertThat(m.get("subject")).isNull();
        assertThat(m.getString("subject")).isEmpty();
        assertThat(m.toString()).isEqualTo("<message xmlns=\"jabber:client\" to=\"juliet@example.com\" type=\"chat\">"
                + "<body>hi</body></message>");
    }

    @Test
    void unknownTypeReadsAsNormal() {
        assertThat(message("<message xmlns='jabber:client' type='bogus'/>").getMessageType())
                .isEqualTo(Message.Type.NORMAL);
        assertThat(message("<message xmlns='jabber:client'/>").getMessageType()).isEqualTo(Message.Type.NORMAL);
    }

    @Test
    void pluginsAreReachedByNameAndCreatedOnDemand() {
        // XEP-0203's delay, the extension of the kind every XEP adds, registered with Message.
        Message m = message("<message xmlns='jabber:client'><body>x</body></message>");
        assertThat(m.get("delay")).isNull();
        assertThat(m.extension(Delay.SCHEMA)).isNull();

        m.set("delay", Map.of("stamp", "2002-09-10T23:08:25Z"));
        assertThat(m.hasExtension(Delay.SCHEMA)).isTrue();
        assertThat(((Delay) m.get("delay")).get("stamp")).isEqualTo(Instant.parse("2002-09-10T23:08:25Z"));
        assertThat(m.toString()).isEqualTo("<message xmlns=\"jabber:client\"><body>x</body>"
                + "<delay xmlns=\"urn:xmpp:delay\" stamp=\"2002-09-10T23:08:25Z\"/></message>");
        assertThat(m.match("message/delay")).isTrue();

        m.del("delay");
        assertThat(m.hasExtension(Delay.SCHEMA)).isFalse();
        assertThat(m.match("message/delay")).isFalse();
    }

    @Test
    void aSecondPluginWithTheSameNameIsRefused() {
        Schema<Delay> other = Schema.builder("delay", "urn:other", Delay::new).build();
        assertThatThrownBy(() -> Message.SCHEMA.registerExtension(other)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delay");
    }

    @Test
    void unknownChildrenAndAttributesSurviveEditsAndRoundTrip() {
        String xml = "<message xmlns=\"jabber:client\" to=\"a@b\" custom=\"1\"><body>x</body>"
                + "<active xmlns=\"http://jabber.org/protocol/chatstates\"/><x xmlns=\"urn:unknown\"><y/></x></message>";
        Message m = message(xml);
        m.setBody("changed");

        assertThat(m.toString()).isEqualTo(xml.replace("<body>x</body>", "<body>changed</body>"));
        Message back = message(m.toString());
        assertThat(back.getBody()).isEqualTo("changed");
        assertThat(back.toString()).isEqualTo(m.toString());
    }

    @Test
    void messageReplySwapsAddressesKeepsIdTypeAndThread() {
        Message m = message("<message xmlns='jabber:client' from='romeo@example.net/orchard' "
                + "to='juliet@example.com/balcony' id='m1' type='chat'><body>hi</body><thread parent='p0'>t1</thread>"
                + "<x xmlns='urn:payload'/></message>");
        Message reply = m.reply("hello");

        assertThat(reply.getTo()).isEqualTo(Jid.of("romeo@example.net/orchard"));
        assertThat(reply.getFrom()).isEqualTo(Jid.of("juliet@example.com/balcony"));
        assertThat(reply.getId()).isEqualTo("m1");
        assertThat(reply.getMessageType()).isEqualTo(Message.Type.CHAT);
        assertThat(reply.getThread()).isEqualTo("t1");
        assertThat(reply.getParentThread()).isEqualTo("p0");
        assertThat(reply.getBody()).isEqualTo("hello");
        assertThat(reply.xml().element("x", "urn:payload")).as("the payload is not copied").isNull();
        assertThat(m.getBody()).as("the original is untouched").isEqualTo("hi");
    }

    @Test
    void iqReplyIsAResultWithTheSameId() {
        Iq get = new Iq(XmlElement.parse("<iq xmlns='jabber:client' type='get' id='q1' from='a@b/c' to='d'>"
                + "<query xmlns='jabber:iq:version'/></iq>"));
        Iq result = get.reply();
        assertThat(result.getIqType()).isEqualTo(Iq.Type.RESULT);
        assertThat(result.getId()).isEqualTo("q1");
        assertThat(result.getTo()).isEqualTo(Jid.of("a@b/c"));
        assertThat(result.getPayload()).isNull();
        assertThat(get.getQueryNamespace()).isEqualTo("jabber:iq:version");
    }

    @Test
    void errorReplyCarriesConditionDefaultTypeAndText() {
        Iq get = new Iq(XmlElement.parse("<iq xmlns='jabber:client' type='set' id='q2' from='a@b/c'>"
                + "<query xmlns='urn:x'/></iq>"));
        Iq error = get.error(StanzaError.Condition.ITEM_NOT_FOUND, "no such node");

        assertThat(error.toString()).isEqualTo("<iq xmlns=\"jabber:client\" to=\"a@b/c\" id=\"q2\" type=\"error\">"
                + "<error type=\"cancel\"><item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"
                + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\">no such node</text></error></iq>");
        StanzaError parsed = new Iq(XmlElement.parse(error.toString())).getError();
        assertThat(parsed.getCondition()).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
        assertThat(parsed.getErrorType()).isEqualTo(StanzaError.Type.CANCEL);
        assertThat(parsed.getText()).isEqualTo("no such node");
    }

    @Test
    void everyRfc6120ConditionHasItsElementAndDefaultType() {
        assertThat(StanzaError.Condition.values()).hasSize(22);
        for (StanzaError.Condition c : StanzaError.Condition.values()) {
            assertThat(StanzaError.Condition.fromElementName(c.elementName())).isEqualTo(c);
        }
        assertThat(StanzaError.Condition.SERVICE_UNAVAILABLE.elementName()).isEqualTo("service-unavailable");
        assertThat(StanzaError.Condition.SERVICE_UNAVAILABLE.defaultType()).isEqualTo(StanzaError.Type.CANCEL);
        assertThat(StanzaError.Condition.NOT_AUTHORIZED.defaultType()).isEqualTo(StanzaError.Type.AUTH);
        assertThat(StanzaError.Condition.RESOURCE_CONSTRAINT.defaultType()).isEqualTo(StanzaError.Type.WAIT);
        assertThat(StanzaError.Condition.BAD_REQUEST.defaultType()).isEqualTo(StanzaError.Type.MODIFY);
    }

    @Test
    void presenceInterfaces() {
        Presence p = new Presence(XmlElement.parse("<presence xmlns='jabber:client' from='a@b/c'>"
                + "<show>dnd</show><status>busy</status><priority>5</priority></presence>"));
        assertThat(p.getPresenceType()).isEqualTo(Presence.Type.AVAILABLE);
        assertThat(p.getShow()).isEqualTo(Presence.Show.DND);
        assertThat(p.getStatus()).isEqualTo("busy");
        assertThat(p.getPriority()).isEqualTo(5);
        assertThat(p.match("presence/show")).isTrue();
        assertThat(new Presence(XmlElement.parse("<presence xmlns='jabber:client' type='unavailable'/>"))
                .getPresenceType()).isEqualTo(Presence.Type.UNAVAILABLE);
    }

    @Test
    void copiesAreIndependent() {
        Message m = message("<message xmlns='jabber:client'><body>a</body></message>");
        Message copy = m.copy();
        copy.setBody("b");
        assertThat(m.getBody()).isEqualTo("a");
    }

    @Test
    void streamErrorNamesItsCondition() {
        StreamError error = StreamError.of(StreamError.Condition.POLICY_VIOLATION, "too big");
        assertThat(error).hasToString("policy-violation (too big)");
        assertThat(error.xml().toXml()).isEqualTo("<error xmlns=\"http://etherx.jabber.org/streams\">"
                + "<policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"
                + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\">too big</text></error>");
        StreamError parsed = new StreamError(XmlElement.parse(error.xml().toXml()));
        assertThat(parsed.getCondition()).isEqualTo(StreamError.Condition.POLICY_VIOLATION);
        assertThat(parsed.getText()).isEqualTo("too big");
    }
}
