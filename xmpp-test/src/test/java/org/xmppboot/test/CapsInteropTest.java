package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0115.CapsInfo;
import org.xmppboot.plugins.xep0115.EntityCaps;
import org.xmppboot.plugins.xep0115.VerificationString;

/**
 * Service discovery and entity capabilities between our client and Smack, through Prosody: each side learns
 * the other's capabilities from a directed presence and checks the other's verification string.
 */
@XmppServerTest(ServerKind.PROSODY)
class CapsInteropTest {

    private static final String PASSWORD = "pw";

    /** Our client with entity capabilities, and a Smack client, on fresh accounts. */
    record Peers(ClientXMPP ours, EntityCaps caps, XMPPTCPConnection smack, Jid smackJid)
            implements AutoCloseable {

        static Peers open(LocalServer server) throws Exception {
            Jid oursJid = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
            Jid smackAccount = Clients.newUser(server, LocalServer.DOMAIN, PASSWORD);
            ClientXMPP ours = new ClientXMPP(Clients.config(server, oursJid, PASSWORD).build());
            EntityCaps caps = new EntityCaps();
            ours.registerPlugin(caps);
            ours.connect().get(15, TimeUnit.SECONDS);
            XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackAccount, PASSWORD);
            // Smack computes its verification string when its features change, or at a login its manager saw.
            EntityCapsManager.getInstanceFor(smack).enableEntityCaps();
            ServiceDiscoveryManager.getInstanceFor(smack).addFeature("urn:xmppboot:test:caps-interop");
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> EntityCapsManager.getInstanceFor(smack).getCapsVersionAndHash() != null);
            return new Peers(ours, caps, smack, smackAccount.withResource("smack"));
        }

        org.jxmpp.jid.Jid oursForSmack() throws Exception {
            return JidCreate.from(ours.boundJid().toString());
        }

        @Override
        public void close() throws Exception {
            smack.disconnect();
            Clients.close(ours);
        }
    }

    @Test
    void smackDiscoversOurIdentityAndFeatures(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(peers.smack())
                    .discoverInfo(peers.oursForSmack());
            assertThat(info.getIdentities()).anySatisfy(identity -> {
                assertThat(identity.getCategory()).isEqualTo("client");
                assertThat(identity.getType()).isEqualTo("bot");
            });
            assertThat(info.containsFeature(EntityCaps.NAMESPACE)).isTrue();
            assertThat(info.containsFeature(DataForm.NAMESPACE)).isTrue();
            assertThat(info.containsFeature(ServiceDiscovery.INFO)).isTrue();
        }
    }

    @Test
    void smackVerifiesTheCapsOfOurPresence(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            org.jxmpp.jid.Jid ours = peers.oursForSmack();
            BlockingQueue<Presence> received = new LinkedBlockingQueue<>();
            peers.smack().addAsyncStanzaListener(s -> received.add((Presence) s),
                    s -> s instanceof Presence && ours.equals(s.getFrom()));

            peers.ours().makePresence(peers.smackJid(), null, "with caps", null).send();
            assertThat(received.poll(10, TimeUnit.SECONDS)).as("our presence reaches Smack").isNotNull();

            // Smack's caps manager reads the presence on a listener of its own, maybe after ours.
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> EntityCapsManager.getNodeVerHashByJid(ours) != null);
            EntityCapsManager.NodeVerHash announced = EntityCapsManager.getNodeVerHashByJid(ours);
            assertThat(announced.getNode()).isEqualTo(peers.caps().config().node());
            assertThat(announced.getVer()).isEqualTo(peers.caps().verificationString());
            assertThat(announced.getHash()).isEqualTo("sha-1");

            // Smack asks node#ver and caches the answer only if it hashes to our ver.
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(peers.smack()).discoverInfo(ours);
            assertThat(EntityCapsManager.verifyDiscoverInfoVersion(announced.getVer(), announced.getHash(), info))
                    .isTrue();
            assertThat(EntityCapsManager.getDiscoverInfoByUser(ours)).as("Smack cached our caps as valid")
                    .isNotNull();
        }
    }

    @Test
    void weVerifyTheCapsOfSmacksPresence(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            BlockingQueue<CapsInfo> learnt = new LinkedBlockingQueue<>();
            peers.ours().addEventHandler("entity_caps", data -> learnt.add((CapsInfo) data));

            XMPPTCPConnection smack = peers.smack();
            smack.sendStanza(smack.getStanzaFactory().buildPresenceStanza().to(peers.oursForSmack()).build());

            CapsInfo caps = learnt.poll(15, TimeUnit.SECONDS);
            assertThat(caps).as("Smack's caps learnt and verified").isNotNull();
            assertThat(caps.jid()).isEqualTo(peers.smackJid());
            assertThat(caps.ver()).isEqualTo(EntityCapsManager.getInstanceFor(smack).getCapsVersionAndHash().version);
            assertThat(VerificationString.verify(caps.info(), "sha-1", caps.ver())).isTrue();
            assertThat(caps.info().hasFeature(EntityCaps.NAMESPACE)).isTrue();
            assertThat(peers.caps().cachedInfo(peers.smackJid())).isEqualTo(caps.info());
            assertThat(peers.caps().supports(peers.smackJid(), ServiceDiscovery.INFO).get(5, TimeUnit.SECONDS))
                    .isTrue();
        }
    }
}
