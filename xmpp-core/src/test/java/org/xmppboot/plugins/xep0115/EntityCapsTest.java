package org.xmppboot.plugins.xep0115;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.FieldType;
import org.xmppboot.plugins.xep0030.DiscoInfo;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** Entity capabilities over a scripted stream: ours announced, theirs learnt and verified. */
class EntityCapsTest {

    private static final String EXODUS = "http://code.google.com/p/exodus";
    private static final String EXODUS_VER = "QgayPKawpkPSDYmwT/WM94uAlu0=";
    /** The answer §5.2's verification string stands for. */
    private static final String EXODUS_INFO = "<identity category='client' type='pc' name='Exodus 0.9.1'/>"
            + "<feature var='http://jabber.org/protocol/disco#info'/>"
            + "<feature var='http://jabber.org/protocol/disco#items'/>"
            + "<feature var='http://jabber.org/protocol/muc'/>"
            + "<feature var='http://jabber.org/protocol/caps'/>";

    private static String presenceWithCaps(String from, String hash, String node, String ver) {
        return "<presence from='" + from + "'><c xmlns='http://jabber.org/protocol/caps' hash='" + hash
                + "' node='" + node + "' ver='" + ver + "'/></presence>";
    }

    /** A harness whose connection has the plugin, collecting entity_caps events. */
    private static final class Caps implements AutoCloseable {
        final StreamHarness h = new StreamHarness();
        final EntityCaps caps;
        final BlockingQueue<CapsInfo> learnt = new LinkedBlockingQueue<>();

        Caps(EntityCaps caps) throws InterruptedException {
            this.caps = caps;
            h.xmpp.registerPlugin(caps);
            h.xmpp.addEventHandler("entity_caps", data -> learnt.add((CapsInfo) data));
            h.start();
        }

        ServiceDiscovery disco() {
            return h.xmpp.plugin(ServiceDiscovery.class);
        }

        /** The next stanza sent, which must be a disco#info query; returns it. */
        Iq nextInfoQuery() throws InterruptedException {
            Iq query = new Iq(h.nextSent());
            assertThat(query.getPayload().is("query", ServiceDiscovery.INFO)).as(query.toString()).isTrue();
            return query;
        }

        void answer(Iq query, String payload) {
            h.receive("<iq type='result' id='" + query.getId() + "' from='" + query.getTo() + "'><query xmlns='"
                    + ServiceDiscovery.INFO + "' node='" + query.getPayload().attribute("node") + "'>" + payload
                    + "</query></iq>");
        }

        void assertNothingSent() throws InterruptedException {
            XmlElement sent = h.peer.nextSent(Duration.ofMillis(300));
            assertThat(sent).as("nothing sent, but %s", sent).isNull();
        }

        @Override
        public void close() throws Exception {
            h.close();
        }
    }

    @Test
    void ourPresenceCarriesOurVerificationString() throws Exception {
        try (Caps t = new Caps(new EntityCaps())) {
            t.h.xmpp.sendPresence();
            Presence presence = new Presence(t.h.nextSent());
            org.xmppboot.plugins.xep0115.Caps c = presence.getCaps();
            assertThat(c.getHash()).isEqualTo("sha-1");
            assertThat(c.getNode()).isEqualTo("https://github.com/xmpp-boot/xmpp-boot");
            assertThat(c.getVer()).isEqualTo(VerificationString.of(t.disco().localInfo(), "sha-1"))
                    .isEqualTo(t.caps.verificationString());
            assertThat(t.disco().features()).contains(EntityCaps.NAMESPACE);
            assertThat(presence.get("caps")).isInstanceOf(org.xmppboot.plugins.xep0115.Caps.class);

            // Directed presence is annotated too (§8.3); unavailable presence, which ends the session, is not.
            t.h.xmpp.makePresence(Jid.of("juliet@capulet.lit/balcony"), null, null, null).send();
            assertThat(new Presence(t.h.nextSent()).getCaps()).isNotNull();
            t.h.xmpp.makePresence(null, null, null, Presence.Type.UNAVAILABLE).send();
            assertThat(new Presence(t.h.nextSent()).getCaps()).isNull();
        }
    }

    @Test
    void ourCapsNodeIsAnsweredAsTheEntityIs() throws Exception {
        try (Caps t = new Caps(new EntityCaps(CapsConfig.DEFAULT.withNode("https://example.org/bot")))) {
            t.h.receive("<iq type='get' id='d1' from='juliet@capulet.lit/balcony'><query xmlns='"
                    + ServiceDiscovery.INFO + "' node='https://example.org/bot#" + t.caps.verificationString()
                    + "'/></iq>");
            Iq answer = new Iq(t.h.nextSent());
            assertThat(answer.getIqType()).isEqualTo(Iq.Type.RESULT);
            assertThat(answer.getPayload().attribute("node")).isEqualTo(t.caps.capsNode());
            DiscoInfo info = DiscoInfo.parse(answer.getPayload());
            assertThat(info.withNode(null)).isEqualTo(t.disco().localInfo());
            assertThat(VerificationString.verify(info, "sha-1", t.caps.verificationString())).isTrue();

            t.h.receive("<iq type='get' id='d2' from='juliet@capulet.lit/balcony'><query xmlns='"
                    + ServiceDiscovery.INFO + "' node='https://example.org/bot#stale'/></iq>");
            assertThat(new Iq(t.h.nextSent()).getError().getCondition())
                    .isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
        }
    }

    /** §6.1: changed features give a new verification string, and our last broadcast presence goes out again. */
    @Test
    void aFeatureChangeWhileOnlineResendsOurPresence() throws Exception {
        try (Caps t = new Caps(new EntityCaps())) {
            String before = t.caps.verificationString();
            t.disco().addFeature("urn:example:changed");
            assertThat(t.caps.verificationString()).isNotEqualTo(before);
            t.assertNothingSent(); // no presence sent yet: nothing to re-send

            t.h.xmpp.makePresence(null, Presence.Show.AWAY, "busy", null).send();
            assertThat(new Presence(t.h.nextSent()).getCaps().getVer()).isEqualTo(t.caps.verificationString());

            DataForm software = DataForm.create(DataForm.Type.RESULT).setFormTypeName("urn:xmpp:dataforms:softwareinfo");
            software.addField("software", FieldType.TEXT_SINGLE).setValue("xmpp-boot");
            t.disco().setExtendedInfo(software);
            t.disco().addFeature("urn:example:second");
            Presence again = new Presence(t.h.nextSent());
            assertThat(again.getStatus()).isEqualTo("busy");
            assertThat(again.getShow()).isEqualTo(Presence.Show.AWAY);
            assertThat(again.getCaps().getVer()).isEqualTo(t.caps.verificationString())
                    .isEqualTo(VerificationString.of(t.disco().localInfo(), "sha-1"));
            t.assertNothingSent(); // two changes in a row, one presence

            t.h.xmpp.makePresence(null, null, null, Presence.Type.UNAVAILABLE).send();
            t.h.nextSent();
            t.disco().removeFeature("urn:example:second");
            t.assertNothingSent(); // offline: nothing to re-send
        }
    }

    @Test
    void learnsVerifiesAndCachesTheirCapabilities() throws Exception {
        try (Caps t = new Caps(new EntityCaps())) {
            Jid romeo = Jid.of("romeo@montague.lit/orchard");
            t.h.receive(presenceWithCaps(romeo.toString(), "sha-1", EXODUS, EXODUS_VER));
            Iq query = t.nextInfoQuery();
            assertThat(query.getTo()).isEqualTo(romeo);
            assertThat(query.getPayload().attribute("node")).isEqualTo(EXODUS + "#" + EXODUS_VER);
            t.answer(query, EXODUS_INFO);

            CapsInfo learnt = t.learnt.poll(5, TimeUnit.SECONDS);
            assertThat(learnt.jid()).isEqualTo(romeo);
            assertThat(learnt.ver()).isEqualTo(EXODUS_VER);
            assertThat(learnt.info().hasFeature("http://jabber.org/protocol/muc")).isTrue();
            assertThat(t.caps.cachedInfo(romeo)).isEqualTo(learnt.info());

            // Another entity running the same software: no query, the cache answers.
            Jid benvolio = Jid.of("benvolio@montague.lit/home");
            t.h.receive(presenceWithCaps(benvolio.toString(), "sha-1", EXODUS, EXODUS_VER));
            assertThat(t.learnt.poll(5, TimeUnit.SECONDS).jid()).isEqualTo(benvolio);
            assertThat(t.disco().supports(benvolio, "http://jabber.org/protocol/muc").get(5, TimeUnit.SECONDS))
                    .isTrue();
            assertThat(t.caps.supports(benvolio, "urn:xmpp:jingle:1").get(5, TimeUnit.SECONDS)).isFalse();
            t.assertNothingSent();

            // The same announcement again is nothing new.
            t.h.receive(presenceWithCaps(benvolio.toString(), "sha-1", EXODUS, EXODUS_VER));
            assertThat(t.learnt.poll(300, TimeUnit.MILLISECONDS)).isNull();

            // Gone offline: forgotten (the verified string stays cached).
            t.h.receive("<presence type='unavailable' from='" + benvolio + "'/>");
            org.awaitility.Awaitility.await().atMost(StreamHarness.WAIT)
                    .until(() -> t.caps.announcement(benvolio) == null);
            assertThat(t.caps.cachedInfo(romeo)).isNotNull();
        }
    }

    /** §5.3's answer, with its data form, verified over the network. */
    @Test
    void verifiesTheComplexExample() throws Exception {
        try (Caps t = new Caps(new EntityCaps())) {
            t.h.receive(presenceWithCaps("benvolio@capulet.lit/230193", "sha-1", "http://psi-im.org",
                    "q07IKJEyjvHSyhy//CH0CxmKi8w="));
            Iq query = t.nextInfoQuery();
            XmlElement answer = XmlElement.parse(VerificationStringTest.COMPLEX_QUERY);
            StringBuilder payload = new StringBuilder();
            answer.elements().forEach(e -> payload.append(e.toXml()));
            t.answer(query, payload.toString());
            CapsInfo learnt = t.learnt.poll(5, TimeUnit.SECONDS);
            assertThat(learnt).isNotNull();
            assertThat(learnt.info().form("urn:xmpp:dataforms:softwareinfo").field("os").getValue()).isEqualTo("Mac");
        }
    }

    @Test
    void whatFailsVerificationIsNotCached() throws Exception {
        try (Caps t = new Caps(new EntityCaps())) {
            Jid liar = Jid.of("liar@example.com/x");
            t.h.receive(presenceWithCaps(liar.toString(), "sha-1", EXODUS, EXODUS_VER));
            t.answer(t.nextInfoQuery(), EXODUS_INFO + "<feature var='urn:xmpp:jingle:1'/>");
            assertThat(t.learnt.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(t.caps.cachedInfo(liar)).isNull();

            // Duplicates are ill-formed even when the rest hashes right (§5.4 step 3.4).
            Jid sloppy = Jid.of("sloppy@example.com/x");
            t.h.receive(presenceWithCaps(sloppy.toString(), "sha-1", EXODUS, EXODUS_VER));
            t.answer(t.nextInfoQuery(), EXODUS_INFO + "<feature var='http://jabber.org/protocol/muc'/>");
            assertThat(t.learnt.poll(300, TimeUnit.MILLISECONDS)).isNull();

            // Asked what the liar supports, we ask its caps node again, then (failing again) the entity itself.
            CompletableFuture<Boolean> jingle = t.disco().supports(liar, "urn:xmpp:jingle:1");
            Iq again = t.nextInfoQuery();
            assertThat(again.getPayload().attribute("node")).isEqualTo(EXODUS + "#" + EXODUS_VER);
            t.answer(again, EXODUS_INFO + "<feature var='urn:xmpp:jingle:1'/>");
            Iq plain = t.nextInfoQuery();
            assertThat(plain.getPayload().attribute("node")).isNull();
            t.h.receive("<iq type='result' id='" + plain.getId() + "' from='" + liar + "'><query xmlns='"
                    + ServiceDiscovery.INFO + "'>" + EXODUS_INFO + "<feature var='urn:xmpp:jingle:1'/></query></iq>");
            assertThat(jingle.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(t.caps.cachedInfo(liar)).isNull();
        }
    }

    @Test
    void legacyAndUnknownHashesAreNotLookedUp() throws Exception {
        try (Caps t = new Caps(new EntityCaps())) {
            BlockingQueue<Object> presences = new LinkedBlockingQueue<>();
            t.h.xmpp.addEventHandler("presence_available", presences::add);
            t.h.receive("<presence from='old@example.com/x'><c xmlns='http://jabber.org/protocol/caps'"
                    + " node='http://exodus.jabberstudio.org/caps' ver='0.9' ext='ftrans xhtml'/></presence>");
            t.h.receive(presenceWithCaps("new@example.com/x", "sha-999", EXODUS, "abc"));
            t.h.receive("<presence from='broken@example.com/x'><c xmlns='http://jabber.org/protocol/caps'"
                    + " hash='sha-1'/></presence>");
            for (int i = 0; i < 3; i++) {
                assertThat(presences.poll(5, TimeUnit.SECONDS)).as("every presence still delivered").isNotNull();
            }
            t.assertNothingSent();
            assertThat(t.caps.announcement(Jid.of("old@example.com/x")).hash()).isNull();
            assertThat(t.caps.announcement(Jid.of("broken@example.com/x"))).isNull();

            // Asking about a legacy entity is a plain disco#info query.
            CompletableFuture<Boolean> muc = t.caps.supports(Jid.of("old@example.com/x"), "http://jabber.org/protocol/muc");
            Iq plain = t.nextInfoQuery();
            assertThat(plain.getPayload().attribute("node")).isNull();
            t.answer(plain, EXODUS_INFO);
            assertThat(muc.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void oneQueryPerVerificationStringAtATime() throws Exception {
        try (Caps t = new Caps(new EntityCaps())) {
            t.h.receive(presenceWithCaps("a@example.com/x", "sha-1", EXODUS, EXODUS_VER));
            t.h.receive(presenceWithCaps("b@example.com/x", "sha-1", EXODUS, EXODUS_VER));
            Iq query = t.nextInfoQuery();
            t.assertNothingSent();
            t.answer(query, EXODUS_INFO);
            assertThat(t.learnt.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(t.learnt.poll(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    /** What was learnt lives in the plugin, not the session; our presence belongs to the session. */
    @Test
    void theCacheOutlivesTheSessionAndOurPresenceDoesNot() throws Exception {
        try (Caps t = new Caps(new EntityCaps())) {
            Jid romeo = Jid.of("romeo@montague.lit/orchard");
            t.h.receive(presenceWithCaps(romeo.toString(), "sha-1", EXODUS, EXODUS_VER));
            t.answer(t.nextInfoQuery(), EXODUS_INFO);
            assertThat(t.learnt.poll(5, TimeUnit.SECONDS)).isNotNull();
            t.h.xmpp.sendPresence();
            t.h.nextSent();

            BlockingQueue<Object> ended = new LinkedBlockingQueue<>();
            t.h.xmpp.addEventHandler("session_end", ended::add);
            t.h.xmpp.event("session_end", "connection lost");
            assertThat(ended.poll(5, TimeUnit.SECONDS)).isNotNull();

            assertThat(t.caps.cachedInfo(romeo)).isNotNull();
            t.disco().addFeature("urn:example:after-the-session");
            t.assertNothingSent();
        }
    }

    @Test
    void theCacheIsBounded() throws Exception {
        try (Caps t = new Caps(new EntityCaps(CapsConfig.DEFAULT.withCacheSizes(1, 10)))) {
            Jid romeo = Jid.of("romeo@montague.lit/orchard");
            t.h.receive(presenceWithCaps(romeo.toString(), "sha-1", EXODUS, EXODUS_VER));
            t.answer(t.nextInfoQuery(), EXODUS_INFO);
            assertThat(t.learnt.poll(5, TimeUnit.SECONDS)).isNotNull();

            String otherVer = VerificationString.of(VerificationStringTest.SIMPLE.withNode(null), "sha-256");
            t.h.receive(presenceWithCaps("mercutio@montague.lit/x", "sha-256", EXODUS, otherVer));
            t.answer(t.nextInfoQuery(), EXODUS_INFO);
            assertThat(t.learnt.poll(5, TimeUnit.SECONDS).ver()).isEqualTo(otherVer);
            assertThat(t.caps.cachedInfo(Jid.of("mercutio@montague.lit/x"))).isNotNull();
            assertThat(t.caps.cachedInfo(romeo)).as("evicted").isNull();
        }
    }
}
