package org.xmppboot.plugins.xep0313;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ProtocolException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** Archiving preferences with the examples of XEP-0441 §2.1 (split from XEP-0313) over the scripted transport. */
class ArchivePreferencesTest {

    static final Jid ROMEO = Jid.of("romeo@montague.lit");
    static final Jid MONTAGUE = Jid.of("montague@montague.lit");

    static Iq nextIq(StreamHarness h, Iq.Type type) throws InterruptedException {
        Iq iq = new Iq(h.nextSent());
        assertThat(iq.getIqType()).isEqualTo(type);
        assertThat(iq.getTo()).as("to our own account").isNull();
        return iq;
    }

    static void answer(StreamHarness h, Iq request, String payload) {
        h.receive("<iq type='result' id='" + request.getId() + "' to='" + MessageArchiveTest.SELF + "'>" + payload
                + "</iq>");
    }

    /** Why the future failed; fails the test if it completed. */
    static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            Object value = future.get(5, TimeUnit.SECONDS);
            throw new AssertionError("completed with " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void retrievingThePreferences() throws Exception {
        try (StreamHarness h = MessageArchiveTest.started(new MessageArchive())) {
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            CompletableFuture<ArchivePreferences> pending = archive.preferences();
            // Example 1
            Iq get = nextIq(h, Iq.Type.GET);
            assertThat(get.getPayload().toString()).isEqualTo(XmlElement.parse(
                    "<prefs xmlns='urn:xmpp:mam:2'/>").toString());
            // Example 2
            answer(h, get, "<prefs xmlns='urn:xmpp:mam:2' default='roster'><always/><never/></prefs>");
            assertThat(pending.get(5, TimeUnit.SECONDS))
                    .isEqualTo(new ArchivePreferences(ArchivingDefault.ROSTER, List.of(), List.of()));
        }
    }

    @Test
    void aServerWithoutPreferencesRefuses() throws Exception {
        try (StreamHarness h = MessageArchiveTest.started(new MessageArchive())) {
            CompletableFuture<ArchivePreferences> pending = h.xmpp.plugin(MessageArchive.class).preferences();
            Iq get = nextIq(h, Iq.Type.GET);
            // Example 3
            h.receive("<iq type='error' id='" + get.getId() + "' to='" + MessageArchiveTest.SELF + "'>"
                    + "<error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                    + "</error></iq>");
            assertThat(failure(pending)).isInstanceOfSatisfying(StanzaErrorException.class, e -> assertThat(
                    e.condition()).isEqualTo(StanzaError.Condition.FEATURE_NOT_IMPLEMENTED));
        }
    }

    @Test
    void updatingThePreferencesCompletesWithThoseTheServerApplied() throws Exception {
        try (StreamHarness h = MessageArchiveTest.started(new MessageArchive())) {
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            ArchivePreferences wanted = ArchivePreferences.of(ArchivingDefault.ROSTER).withAlways(List.of(ROMEO))
                    .withNever(List.of(MONTAGUE));
            CompletableFuture<ArchivePreferences> pending = archive.setPreferences(wanted);
            // Example 4
            Iq set = nextIq(h, Iq.Type.SET);
            String example4 = "<prefs xmlns='urn:xmpp:mam:2' default='roster'><always><jid>romeo@montague.lit</jid>"
                    + "</always><never><jid>montague@montague.lit</jid></never></prefs>";
            assertThat(set.getPayload().toString()).isEqualTo(XmlElement.parse(example4).toString());
            // Example 5
            answer(h, set, example4);
            assertThat(pending.get(5, TimeUnit.SECONDS)).isEqualTo(wanted);

            // §2.1: the server's policy may apply something else; what it applied is what counts.
            CompletableFuture<ArchivePreferences> always = archive.setPreferences(
                    ArchivePreferences.of(ArchivingDefault.NEVER));
            Iq second = nextIq(h, Iq.Type.SET);
            assertThat(second.extension(MamPrefs.SCHEMA).getDefault()).isEqualTo(ArchivingDefault.NEVER);
            assertThat(second.getPayload().element("always", MessageArchive.NAMESPACE)).as("lists always sent")
                    .isNotNull();
            answer(h, second, "<prefs xmlns='urn:xmpp:mam:2' default='always'><always/><never>"
                    + "<jid>romeo@montague.lit/orchard</jid></never></prefs>");
            assertThat(always.get(5, TimeUnit.SECONDS)).isEqualTo(new ArchivePreferences(ArchivingDefault.ALWAYS,
                    List.of(), List.of(Jid.of("romeo@montague.lit/orchard"))));
        }
    }

    @Test
    void anAnswerWithoutAValidDefaultFailsAndBadEntriesAreSkipped() throws Exception {
        try (StreamHarness h = MessageArchiveTest.started(new MessageArchive())) {
            MessageArchive archive = h.xmpp.plugin(MessageArchive.class);
            CompletableFuture<ArchivePreferences> noDefault = archive.preferences();
            answer(h, nextIq(h, Iq.Type.GET), "<prefs xmlns='urn:xmpp:mam:2' default='sometimes'/>");
            assertThat(failure(noDefault)).isInstanceOf(ProtocolException.class);

            CompletableFuture<ArchivePreferences> empty = archive.preferences();
            answer(h, nextIq(h, Iq.Type.GET), "");
            assertThat(failure(empty)).isInstanceOf(ProtocolException.class);

            // Lists may be absent (§2.1.2, §2.1.3); an entry that is no JID is skipped.
            CompletableFuture<ArchivePreferences> partial = archive.preferences();
            answer(h, nextIq(h, Iq.Type.GET), "<prefs xmlns='urn:xmpp:mam:2' default='never'><always>"
                    + "<jid>@@</jid><jid> romeo@montague.lit </jid></always></prefs>");
            assertThat(partial.get(5, TimeUnit.SECONDS)).isEqualTo(new ArchivePreferences(ArchivingDefault.NEVER,
                    List.of(ROMEO), List.of()));
        }
    }

    @Test
    void thePreferencesAreReachableByName() {
        Iq iq = new Iq(XmlElement.parse("<iq xmlns='jabber:client' type='result' id='p'>"
                + "<prefs xmlns='urn:xmpp:mam:2' default='always'/></iq>"));
        Object prefs = iq.get("mam_prefs");
        assertThat(prefs).isInstanceOf(MamPrefs.class);
        assertThat(((MamPrefs) prefs).getDefault()).isEqualTo(ArchivingDefault.ALWAYS);
    }
}
