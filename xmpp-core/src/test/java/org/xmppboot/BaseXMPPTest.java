package org.xmppboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.stream.StreamThreads;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

class BaseXMPPTest {

    @Test
    void unhandledIqRequestsGetServiceUnavailableAndHandledOnesOnlyTheirAnswer() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerHandler(StreamHandler.of("ping", Matcher.stanzaPath("iq@type=get/{urn:xmpp:ping}ping"),
                    s -> ((Iq) s).reply().sendResponse()));
            h.start();
            h.receive("<iq type='get' id='p1' from='a@b/c'><ping xmlns='urn:xmpp:ping'/></iq>");
            h.receive("<iq type='get' id='v1' from='a@b/c'><query xmlns='jabber:iq:version'/></iq>");
            h.receive("<iq type='set' id='s1' from='a@b/c'><query xmlns='jabber:iq:private'/></iq>");
            h.receive("<iq type='result' id='unknown' from='a@b/c'/>");
            h.receive("<iq type='bogus' id='b1' from='a@b/c'/>");

            // Unhandled requests are answered on the read thread, handled ones on the event thread: the
            // responses may come in any order.
            java.util.Map<String, XmlElement> responses = new java.util.HashMap<>();
            for (int i = 0; i < 4; i++) {
                XmlElement sent = h.nextSent();
                responses.put(sent.attribute("id"), sent);
            }
            assertThat(responses.get("p1").toXml()).isEqualTo(
                    "<iq xmlns=\"jabber:client\" to=\"a@b/c\" id=\"p1\" type=\"result\"/>");
            assertThat(errorOf(responses.get("v1"), "v1")).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
            assertThat(errorOf(responses.get("s1"), "s1")).isEqualTo(StanzaError.Condition.SERVICE_UNAVAILABLE);
            assertThat(errorOf(responses.get("b1"), "b1")).isEqualTo(StanzaError.Condition.BAD_REQUEST);
            assertThat(h.peer.nextSent(java.time.Duration.ofMillis(200))).as("a result is never answered").isNull();
        }
    }

    private static StanzaError.Condition errorOf(XmlElement sent, String id) {
        Iq iq = new Iq(sent);
        assertThat(iq.getId()).isEqualTo(id);
        assertThat(iq.getIqType()).isEqualTo(Iq.Type.ERROR);
        return iq.getError().getCondition();
    }

    @Test
    void messagesRaiseMessageGroupchatOrErrorEvents() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            for (String name : new String[] {"message", "groupchat_message", "message_error"}) {
                h.xmpp.addEventHandler(name, data -> events.add(name + " " + ((StanzaBase) data).getId()));
            }
            h.start();
            h.receive("<message id='1' type='chat'><body>a</body></message>");
            h.receive("<message id='2'><body>b</body></message>");
            h.receive("<message id='3' type='groupchat'><body>c</body></message>");
            h.receive("<message id='4' type='error'><error type='cancel'>"
                    + "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");

            assertThat(poll(events)).isEqualTo("message 1");
            assertThat(poll(events)).isEqualTo("message 2");
            assertThat(poll(events)).isEqualTo("groupchat_message 3");
            assertThat(poll(events)).isEqualTo("message_error 4");
        }
    }

    @Test
    void presenceIsTrackedPerContactAndResource() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            for (String name : new String[] {"got_online", "got_offline", "changed_status", "presence_available",
                    "presence_unavailable", "presence_subscribe"}) {
                h.xmpp.addEventHandler(name, data -> events.add(name + " " + ((StanzaBase) data).getFrom()));
            }
            h.start();
            Jid romeo = Jid.of("romeo@example.net");

            h.receive("<presence from='romeo@example.net/orchard'/>");
            assertThat(poll(events)).isEqualTo("presence_available romeo@example.net/orchard");
            assertThat(poll(events)).isEqualTo("got_online romeo@example.net/orchard");
            assertThat(poll(events)).isEqualTo("changed_status romeo@example.net/orchard");

            h.receive("<presence from='romeo@example.net/garden'><show>away</show></presence>");
            assertThat(poll(events)).isEqualTo("presence_available romeo@example.net/garden");
            assertThat(poll(events)).as("a second resource is not a new got_online")
                    .isEqualTo("changed_status romeo@example.net/garden");

            h.receive("<presence from='romeo@example.net/garden'><show>away</show></presence>");
            assertThat(poll(events)).as("the same status again is no change")
                    .isEqualTo("presence_available romeo@example.net/garden");

            h.receive("<presence from='romeo@example.net/orchard' type='unavailable'/>");
            assertThat(poll(events)).isEqualTo("presence_unavailable romeo@example.net/orchard");
            assertThat(poll(events)).isEqualTo("changed_status romeo@example.net/orchard");
            assertThat(h.xmpp.presences().isOnline(romeo)).isTrue();
            assertThat(h.xmpp.presences().resources(romeo)).containsOnlyKeys("garden");

            h.receive("<presence from='romeo@example.net/garden' type='unavailable'/>");
            assertThat(poll(events)).isEqualTo("presence_unavailable romeo@example.net/garden");
            assertThat(poll(events)).isEqualTo("changed_status romeo@example.net/garden");
            assertThat(poll(events)).isEqualTo("got_offline romeo@example.net/garden");
            assertThat(h.xmpp.presences().isOnline(romeo)).isFalse();

            h.receive("<presence from='juliet@example.com' type='subscribe'/>");
            assertThat(poll(events)).isEqualTo("presence_subscribe juliet@example.com");
            assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void streamThreadsAreVirtualWhenAskedAndTheJvmHasThem() throws Exception {
        StreamConfig config = StreamConfig.defaults().withName("vt").withVirtualThreads(true);
        try (StreamHarness h = new StreamHarness(config)) {
            BlockingQueue<Thread> seen = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler("probe", data -> seen.add(Thread.currentThread()));
            h.start();
            h.xmpp.event("probe", null);
            Thread eventThread = seen.poll(5, TimeUnit.SECONDS);

            assertThat(eventThread.getName()).isEqualTo("vt-event");
            boolean jvmHasVirtualThreads = Runtime.version().feature() >= 21;
            assertThat(StreamThreads.virtualThreadsAvailable()).isEqualTo(jvmHasVirtualThreads);
            assertThat(isVirtual(eventThread)).isEqualTo(jvmHasVirtualThreads);
        }
    }

    private static boolean isVirtual(Thread thread) throws Exception {
        try {
            Method m = Thread.class.getMethod("isVirtual");
            return (boolean) m.invoke(thread);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String poll(BlockingQueue<String> events) throws InterruptedException {
        return events.poll(5, TimeUnit.SECONDS);
    }
}
