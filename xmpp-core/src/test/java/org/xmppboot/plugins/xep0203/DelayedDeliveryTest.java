package org.xmppboot.plugins.xep0203;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0082.XmppDateTime;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0203 §3's examples, received over the scripted transport. */
class DelayedDeliveryTest {

    /** XEP-0203 Example 1: receiving a message sent while offline. */
    static final String OFFLINE_MESSAGE = "<message from='romeo@montague.net/orchard' to='juliet@capulet.com' "
            + "type='chat'><body>O blessed, blessed night! I am afeard.</body>"
            + "<delay xmlns='urn:xmpp:delay' from='capulet.com' stamp='2002-09-10T23:08:25Z'>\n"
            + "    Offline Storage\n  </delay></message>";

    private static Message receiveMessage(StreamHarness h, String xml) throws InterruptedException {
        BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler("message", messages::add);
        h.receive(xml);
        Object received = messages.poll(5, TimeUnit.SECONDS);
        assertThat(received).as("the message reaches handlers").isInstanceOf(Message.class);
        return (Message) received;
    }

    @Test
    void aMessageFromOfflineStorageIsDelayedAndStale() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            Message message = receiveMessage(h, OFFLINE_MESSAGE);

            Delay delay = message.getDelay();
            assertThat(delay).isNotNull();
            assertThat(delay.getStamp()).isEqualTo(Instant.parse("2002-09-10T23:08:25Z"));
            assertThat(delay.getFrom()).isEqualTo(Jid.of("capulet.com"));
            assertThat(delay.getText()).isEqualTo("Offline Storage");
            assertThat(message.isDelayed()).isTrue();
            assertThat(message.isOlderThan(Duration.ofDays(1))).isTrue();
            assertThat(message.get("delay")).as("reachable by name").isInstanceOf(Delay.class);
            assertThat(message.match("message/delay")).isTrue();
        }
    }

    @Test
    void aLiveMessageIsNeitherDelayedNorStale() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            Message message = receiveMessage(h, "<message from='romeo@montague.net/orchard' type='chat'>"
                    + "<body>live</body></message>");

            assertThat(message.getDelay()).isNull();
            assertThat(message.isDelayed()).isFalse();
            assertThat(message.isOlderThan(Duration.ZERO)).isFalse();
        }
    }

    @Test
    void staleIsMeasuredFromTheStamp() {
        Message message = new Message(XmlElement.parse("<message xmlns='jabber:client'><body>x</body></message>"));
        message.xml().addChild(Delay.of(Instant.now().minusSeconds(60), null, null).xml());

        assertThat(message.isOlderThan(Duration.ofSeconds(30))).isTrue();
        assertThat(message.isOlderThan(Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void aMalformedStampIsTreatedAsAbsentAndTheMessageStillArrives() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            Message message = receiveMessage(h, "<message from='romeo@montague.net/orchard'><body>hi</body>"
                    + "<delay xmlns='urn:xmpp:delay' from='not a jid@@' stamp='20020910T23:08:25'/></message>");

            assertThat(message.getBody()).isEqualTo("hi");
            assertThat(message.getDelay()).isNull();
            assertThat(message.isDelayed()).isFalse();
            assertThat(message.isOlderThan(Duration.ZERO)).isFalse();
            Delay raw = (Delay) message.get("delay");
            assertThat(raw.getStamp()).isNull();
            assertThat(raw.getFrom()).isNull();
        }
    }

    @Test
    void ofSeveralDelaysTheEarliestCounts() {
        Message message = new Message(XmlElement.parse("<message xmlns='jabber:client'>"
                + "<delay xmlns='urn:xmpp:delay' from='capulet.com' stamp='2002-09-10T23:08:25Z'/>"
                + "<delay xmlns='urn:xmpp:delay' from='room@muc' stamp='2002-09-10T23:05:37Z'/>"
                + "<delay xmlns='urn:xmpp:delay' stamp='garbage'/></message>"));

        assertThat(message.getDelay().getFrom()).isEqualTo(Jid.of("room@muc"));
    }

    /** XEP-0091 Example 1, as older servers still stamp offline messages. */
    @Test
    void aLegacyDelayIsReadToo() {
        Message legacy = new Message(XmlElement.parse("<message xmlns='jabber:client' "
                + "from='romeo@montague.net/orchard'><body>O blessed, blessed night!</body>"
                + "<x xmlns='jabber:x:delay' from='capulet.com' stamp='20020910T23:08:25'>Offline Storage</x>"
                + "</message>"));
        assertThat(legacy.isDelayed()).isTrue();
        assertThat(legacy.getDelay().isLegacy()).isTrue();
        assertThat(legacy.getDelay().getStamp()).isEqualTo(Instant.parse("2002-09-10T23:08:25Z"));
        assertThat(legacy.getDelay().getFrom()).isEqualTo(Jid.of("capulet.com"));

        Message both = new Message(XmlElement.parse("<message xmlns='jabber:client'>"
                + "<delay xmlns='urn:xmpp:delay' stamp='2002-09-10T23:08:25Z'/>"
                + "<x xmlns='jabber:x:delay' stamp='20020910T23:08:25'/></message>"));
        assertThat(both.getDelay().getStamp()).isEqualTo(Instant.parse("2002-09-10T23:08:25Z"));

        for (String stamp : new String[] {"2002-09-10T23:08:25Z", "20021310T23:08:25", "20020231T23:08:25", ""}) {
            Message malformed = new Message(XmlElement.parse("<message xmlns='jabber:client'>"
                    + "<x xmlns='jabber:x:delay' stamp='" + stamp + "'/></message>"));
            assertThat(malformed.isDelayed()).as(stamp).isFalse();
        }
    }

    /** XEP-0203 Example 2: the last presence update of another entity. */
    @Test
    void aReplayedPresenceIsDelayed() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            BlockingQueue<Object> presences = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("presence_available", presences::add);
            h.receive("<presence from='juliet@capulet.com/balcony' to='romeo@montague.net'>"
                    + "<status>anon!</status><show>xa</show><priority>1</priority>"
                    + "<delay xmlns='urn:xmpp:delay' from='juliet@capulet.com/balcony' "
                    + "stamp='2002-09-10T23:41:07Z'/></presence>");
            Presence presence = (Presence) presences.poll(5, TimeUnit.SECONDS);

            assertThat(presence.isDelayed()).isTrue();
            assertThat(presence.getDelay().getStamp()).isEqualTo(Instant.parse("2002-09-10T23:41:07Z"));
            assertThat(presence.getDelay().getFrom()).isEqualTo(Jid.of("juliet@capulet.com/balcony"));
            assertThat(presence.get("delay")).isInstanceOf(Delay.class);
        }
    }

    @Test
    void thePluginLoadsByNameAndStampsWhatTheBotHoldsBack() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            h.xmpp.registerPlugin(DelayedDelivery.NAME);
            DelayedDelivery plugin = h.xmpp.plugin(DelayedDelivery.class);
            Message message = h.xmpp.makeMessage(Jid.of("juliet@capulet.com"), "later", null);
            Instant stamp = Instant.parse("2010-07-10T23:08:25Z");

            plugin.stamp(message, stamp, "Queued");

            XmlElement delay = message.xml().element("delay", Delay.NAMESPACE);
            assertThat(delay.attribute("stamp")).isEqualTo(XmppDateTime.format(stamp));
            assertThat(delay.text()).isEqualTo("Queued");
            assertThat(message.getDelay().getStamp()).isEqualTo(stamp);
        }
    }
}
