package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0191.BlockedError;
import org.xmppboot.plugins.xep0191.Blocking;
import org.xmppboot.plugins.xep0191.BlockingConfig;
import org.xmppboot.stanza.Message;
import org.xmppboot.xml.XmlElement;

/** XEP-0191 with the XEP's examples over the scripted transport (against Prosody: BlockingIntegrationTest). */
class BlockingCommandTest {

    private static final Jid ROMEO = Jid.of("romeo@montague.net");
    private static final Jid IAGO = Jid.of("iago@shakespeare.lit");

    private static StreamTester session(Blocking blocking) {
        return StreamTester.client("juliet@capulet.com/chamber", blocking);
    }

    private static BlockingQueue<Object> record(StreamTester t, String event) {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        t.client().addEventHandler(event, events::add);
        return events;
    }

    /** The block list request of a new session (Example 3) and its result (Example 4). */
    private static void answerBlockList(StreamTester t, String items) {
        XmlElement get = t.expectSent("<iq type='get'><blocklist xmlns='urn:xmpp:blocking'/></iq>",
                StreamTester.Match.IGNORE_ID);
        t.recv("<iq type='result' id='" + get.attribute("id") + "'><blocklist xmlns='urn:xmpp:blocking'>" + items
                + "</blocklist></iq>");
    }

    @Test
    void aNewSessionFetchesTheListAndCachesIt() {
        Blocking blocking = new Blocking();
        try (StreamTester t = session(blocking)) {
            answerBlockList(t, "<item jid='romeo@montague.net'/><item jid='iago@shakespeare.lit'/>");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(blocking::isLoaded);
            assertThat(blocking.blocked()).containsExactly(ROMEO, IAGO);
            assertThat(blocking.isBlocked(Jid.of("romeo@montague.net/orchard"))).as("by its bare JID").isTrue();
            assertThat(blocking.isBlocked(Jid.of("juliet@capulet.com"))).isFalse();
            assertThat(blocking.isBlocked(Jid.of("iago@shakespeare.lit/stage"))).isTrue();
        }
    }

    @Test
    void jidsMatchAsTheXepSays() {
        Blocking blocking = new Blocking();
        try (StreamTester t = session(blocking)) {
            // §4: a full JID, a bare JID, a domain with a resource, a domain (and its subdomains).
            answerBlockList(t, "<item jid='romeo@montague.net/orchard'/><item jid='iago@shakespeare.lit'/>"
                    + "<item jid='capulet.com/nurse'/><item jid='evil.example'/>");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(blocking::isLoaded);
            assertThat(blocking.isBlocked(Jid.of("romeo@montague.net/orchard"))).isTrue();
            assertThat(blocking.isBlocked(Jid.of("romeo@montague.net/garden"))).isFalse();
            assertThat(blocking.isBlocked(Jid.of("romeo@montague.net"))).isFalse();
            assertThat(blocking.isBlocked(Jid.of("iago@shakespeare.lit/any"))).isTrue();
            assertThat(blocking.isBlocked(Jid.of("capulet.com/nurse"))).isTrue();
            assertThat(blocking.isBlocked(Jid.of("juliet@capulet.com/nurse"))).isFalse();
            assertThat(blocking.isBlocked(Jid.of("mallory@evil.example/x"))).isTrue();
            assertThat(blocking.isBlocked(Jid.of("chat.evil.example"))).isTrue();
            assertThat(blocking.isBlocked(Jid.of("notevil.example"))).isFalse();
        }
    }

    @Test
    void blockAndUnblockSendTheExamplesAndPushesRaiseEvents() throws Exception {
        Blocking blocking = new Blocking(new BlockingConfig(false));
        try (StreamTester t = session(blocking)) {
            BlockingQueue<Object> blocked = record(t, Blocking.EVENT_BLOCKED);
            BlockingQueue<Object> unblocked = record(t, Blocking.EVENT_UNBLOCKED);

            // Example 6: block romeo; Example 7: the result; Example 8: the push to every session.
            CompletableFuture<Void> block = blocking.block(ROMEO);
            XmlElement set = t.expectSent("<iq type='set'><block xmlns='urn:xmpp:blocking'>"
                    + "<item jid='romeo@montague.net'/></block></iq>", StreamTester.Match.IGNORE_ID);
            t.recv("<iq type='result' id='" + set.attribute("id") + "'/>");
            block.get(5, TimeUnit.SECONDS);
            assertThat(blocking.blocked()).containsExactly(ROMEO);

            t.recv("<iq to='juliet@capulet.com/chamber' type='set' id='push1'><block xmlns='urn:xmpp:blocking'>"
                    + "<item jid='romeo@montague.net'/></block></iq>");
            t.expectSent("<iq type='result' id='push1' from='juliet@capulet.com/chamber'/>");
            assertThat(blocked.poll(5, TimeUnit.SECONDS)).isEqualTo(Set.of(ROMEO));

            // A push made by another session of the account, from the bare JID.
            t.recv("<iq from='juliet@capulet.com' type='set' id='push2'><block xmlns='urn:xmpp:blocking'>"
                    + "<item jid='iago@shakespeare.lit'/></block></iq>");
            t.expectSent("<iq type='result' id='push2' to='juliet@capulet.com'/>");
            assertThat(blocked.poll(5, TimeUnit.SECONDS)).isEqualTo(Set.of(IAGO));
            assertThat(blocking.blocked()).containsExactly(ROMEO, IAGO);

            // Examples 10 to 12: unblock romeo, the result, the push.
            CompletableFuture<Void> unblock = blocking.unblock(ROMEO);
            set = t.expectSent("<iq type='set'><unblock xmlns='urn:xmpp:blocking'>"
                    + "<item jid='romeo@montague.net'/></unblock></iq>", StreamTester.Match.IGNORE_ID);
            t.recv("<iq type='result' id='" + set.attribute("id") + "'/>");
            unblock.get(5, TimeUnit.SECONDS);
            t.recv("<iq type='set' id='push3'><unblock xmlns='urn:xmpp:blocking'>"
                    + "<item jid='romeo@montague.net'/></unblock></iq>");
            t.expectSent("<iq type='result' id='push3'/>");
            assertThat(unblocked.poll(5, TimeUnit.SECONDS)).isEqualTo(Set.of(ROMEO));
            assertThat(blocking.blocked()).containsExactly(IAGO);

            // Example 13/15: unblock everything, and its push (no items): the event's set is empty, "every JID".
            CompletableFuture<Void> all = blocking.unblockAll();
            set = t.expectSent("<iq type='set'><unblock xmlns='urn:xmpp:blocking'/></iq>",
                    StreamTester.Match.IGNORE_ID);
            t.recv("<iq type='result' id='" + set.attribute("id") + "'/>");
            all.get(5, TimeUnit.SECONDS);
            assertThat(blocking.blocked()).isEmpty();
            t.recv("<iq type='set' id='push4'><unblock xmlns='urn:xmpp:blocking'/></iq>");
            t.expectSent("<iq type='result' id='push4'/>");
            assertThat(unblocked.poll(5, TimeUnit.SECONDS)).isEqualTo(Set.of());
        }
    }

    @Test
    void pushesFromOthersAndMalformedPushesAreRefusedAndChangeNothing() throws Exception {
        Blocking blocking = new Blocking(new BlockingConfig(false));
        try (StreamTester t = session(blocking)) {
            BlockingQueue<Object> blocked = record(t, Blocking.EVENT_BLOCKED);

            t.recv("<iq from='mallory@evil.example/x' type='set' id='p1'><block xmlns='urn:xmpp:blocking'>"
                    + "<item jid='romeo@montague.net'/></block></iq>");
            t.expectSent("<iq type='error' id='p1' to='mallory@evil.example/x'><error type='cancel'>"
                    + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");

            t.recv("<iq type='set' id='p2'><block xmlns='urn:xmpp:blocking'><item jid='@@bad'/></block></iq>");
            t.expectSent("<iq type='error' id='p2'><error type='modify'>"
                    + "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                    + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Every item needs a valid jid</text>"
                    + "</error></iq>");

            t.recv("<iq type='set' id='p3'><block xmlns='urn:xmpp:blocking'/></iq>");
            XmlElement empty = t.nextSent();
            assertThat(empty.attribute("type")).isEqualTo("error");
            assertThat(empty.attribute("id")).isEqualTo("p3");

            assertThat(blocking.blocked()).isEmpty();
            assertThat(blocked.poll(300, TimeUnit.MILLISECONDS)).isNull();

            // The account's server may push too.
            t.recv("<iq from='capulet.com' type='set' id='p4'><block xmlns='urn:xmpp:blocking'>"
                    + "<item jid='romeo@montague.net'/></block></iq>");
            t.expectSent("<iq type='result' id='p4' to='capulet.com'/>");
            assertThat(blocked.poll(5, TimeUnit.SECONDS)).isEqualTo(Set.of(ROMEO));
        }
    }

    @Test
    void theBlockedErrorIsRecognised() throws Exception {
        try (StreamTester t = session(new Blocking(new BlockingConfig(false)))) {
            BlockingQueue<Message> errors = new LinkedBlockingQueue<>();
            t.client().addEventHandler("message_error", m -> errors.add((Message) m));
            // Example 9: a message to a blocked contact comes back with <blocked/>.
            t.recv("<message type='error' from='romeo@montague.net' to='juliet@capulet.com/chamber'>"
                    + "<body>Can you hear me now?</body><error type='cancel'>"
                    + "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                    + "<blocked xmlns='urn:xmpp:blocking:errors'/></error></message>");
            Message error = errors.poll(5, TimeUnit.SECONDS);
            assertThat(error).isNotNull();
            assertThat(BlockedError.isBlocked(error)).isTrue();
            assertThat(error.getError().get("blocked")).isInstanceOf(BlockedError.class);

            Message other = new Message(XmlElement.parse("<message xmlns='jabber:client' type='error'>"
                    + "<error type='cancel'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                    + "</error></message>"));
            assertThat(BlockedError.isBlocked(other)).isFalse();
        }
    }
}
