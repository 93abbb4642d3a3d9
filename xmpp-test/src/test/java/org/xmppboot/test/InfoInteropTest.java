package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqlast.packet.LastActivity;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.sid.element.OriginIdElement;
import org.jivesoftware.smackx.time.EntityTimeManager;
import org.jivesoftware.smackx.time.packet.Time;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0092.SoftwareVersion;
import org.xmppboot.plugins.xep0202.EntityTime;
import org.xmppboot.plugins.xep0202.EntityTimeConfig;
import org.xmppboot.plugins.xep0202.EntityTimeResult;
import org.xmppboot.plugins.xep0203.Delay;
import org.xmppboot.plugins.xep0359.StanzaIds;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.xml.XmlElement;

/**
 * The information XEPs (0092 version, 0202 time, 0012 last activity) and the building blocks under messages
 * (0203 delay, 0359 ids) against Smack, through a local Prosody.
 */
@XmppServerTest
class InfoInteropTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    private static org.jxmpp.jid.Jid smackJid(Jid jid) throws Exception {
        return JidCreate.from(jid.toString());
    }

    private static ClientXMPP connected(LocalServer server, Jid account, Object... plugins) throws Exception {
        ClientXMPP client = new ClientXMPP(Clients.config(server, account, "pw").build());
        for (Object plugin : plugins) {
            client.registerPlugin((org.xmppboot.plugin.XmppPlugin) plugin);
        }
        client.connect().get(15, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void smackReadsOurVersionTimeAndLastActivity(LocalServer server) throws Exception {
        Jid oursJid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        Jid smackAccount = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        ClientXMPP ours = connected(server, oursJid, new SoftwareVersion().set("interop-bot", "3.1", null),
                new EntityTime(new EntityTimeConfig(ZoneId.of("Asia/Kolkata"))),
                new org.xmppboot.plugins.xep0012.LastActivity());
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackAccount, "pw");
        try {
            org.jxmpp.jid.Jid target = smackJid(ours.boundJid());

            Version version = VersionManager.getInstanceFor(smack).getVersion(target);
            assertThat(version.getName()).isEqualTo("interop-bot");
            assertThat(version.getVersion()).isEqualTo("3.1");

            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Time time = EntityTimeManager.getInstanceFor(smack).getTime(target);
            assertThat(time.getTzo()).isEqualTo("+05:30");
            assertThat(time.getTime().toInstant()).isBetween(before, Instant.now());

            ours.sendMessage(Jid.of(smack.getUser().toString()), "activity", Message.Type.CHAT);
            Thread.sleep(2100);
            LastActivity last = LastActivityManager.getInstanceFor(smack).getLastActivity(target);
            assertThat(last.getIdleTime()).as("seconds since our message").isBetween(2L, 10L);
        } finally {
            smack.disconnect();
            Clients.close(ours);
        }
    }

    @Test
    void weReadSmacksTimeAndVersion(LocalServer server) throws Exception {
        Jid oursJid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        Jid smackAccount = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        EntityTime entityTime = new EntityTime();
        ClientXMPP ours = connected(server, oursJid, entityTime);
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackAccount, "pw");
        try {
            VersionManager.getInstanceFor(smack).setVersion("smack-peer", "4.4");
            EntityTimeManager.getInstanceFor(smack).enable();
            Jid peer = Jid.of(smack.getUser().toString());

            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            EntityTimeResult time = entityTime.getTime(peer, WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(time.utc()).isBetween(before, Instant.now());
            assertThat(time.offset()).isEqualTo(ZoneId.systemDefault().getRules().getOffset(time.utc()));

            Iq result = ours.makeIq(Iq.Type.GET, peer).setQuery(SoftwareVersion.NAMESPACE).send(WAIT)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            XmlElement query = result.getPayload();
            assertThat(query.childText("name", SoftwareVersion.NAMESPACE)).startsWith("smack-peer");
            assertThat(query.childText("version", SoftwareVersion.NAMESPACE)).startsWith("4.4");
        } finally {
            smack.disconnect();
            Clients.close(ours);
        }
    }

    @Test
    void aMessageSentWhileWeWereOfflineArrivesWithTheServersDelay(LocalServer server) throws Exception {
        Jid oursJid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        Jid smackAccount = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackAccount, "pw");
        ClientXMPP ours = null;
        try {
            Instant sent = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            smack.sendStanza(smack.getStanzaFactory().buildMessageStanza().to(smackJid(oursJid))
                    .ofType(org.jivesoftware.smack.packet.Message.Type.chat).setBody("while you were out").build());
            Thread.sleep(1500);

            ours = new ClientXMPP(Clients.config(server, oursJid, "pw").build());
            BlockingQueue<Message> received = new LinkedBlockingQueue<>();
            ours.addEventHandler("message", data -> received.add((Message) data));
            ours.connect().get(15, TimeUnit.SECONDS);

            Message message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(message).as("the stored message").isNotNull();
            assertThat(message.getBody()).isEqualTo("while you were out");
            assertThat(message.isDelayed()).isTrue();
            Delay delay = message.getDelay();
            assertThat(delay.getStamp()).isBetween(sent, sent.plusSeconds(1));
            assertThat(delay.getFrom()).isEqualTo(Jid.of(LocalServer.DOMAIN));
            assertThat(message.isOlderThan(Duration.ofMillis(500))).isTrue();
            assertThat(message.isOlderThan(Duration.ofMinutes(5))).isFalse();
        } finally {
            smack.disconnect();
            if (ours != null) {
                Clients.close(ours);
            }
        }
    }

    @Test
    void smackSeesTheOriginIdOfOurMessageAndWeTrustOnlyOurServersStanzaId(LocalServer server)
            throws Exception {
        Jid oursJid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        Jid smackAccount = Clients.newUser(server, LocalServer.DOMAIN, "pw");
        StanzaIds stanzaIds = new StanzaIds();
        ClientXMPP ours = connected(server, oursJid, stanzaIds);
        XMPPTCPConnection smack = SmackInteropTest.loggedIn(server, smackAccount, "pw");
        try {
            BlockingQueue<org.jivesoftware.smack.packet.Message> atSmack = new LinkedBlockingQueue<>();
            smack.addAsyncStanzaListener(s -> atSmack.add((org.jivesoftware.smack.packet.Message) s),
                    MessageTypeFilter.CHAT);
            Message message = ours.makeMessage(Jid.of(smack.getUser().toString()), "with an origin-id",
                    Message.Type.CHAT);
            ours.send(message);

            org.jivesoftware.smack.packet.Message got = atSmack.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            // Parsed by Smack's own XEP-0359 provider (smack-experimental).
            OriginIdElement originId = OriginIdElement.getOriginId(got);
            assertThat(originId).isNotNull();
            assertThat(originId.getId()).isNotBlank().isEqualTo(message.getOriginId());

            BlockingQueue<Message> atOurs = new LinkedBlockingQueue<>();
            ours.addEventHandler("message", data -> atOurs.add((Message) data));
            smack.sendStanza(smack.getStanzaFactory().buildMessageStanza().to(smackJid(ours.boundJid()))
                    .ofType(org.jivesoftware.smack.packet.Message.Type.chat).setBody("archived by Prosody")
                    .build());
            Message archived = atOurs.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(archived).isNotNull();
            assertThat(archived.getStanzaId(oursJid.bare())).as("our archive's id").isNotBlank();
            assertThat(archived.getStanzaId(smackAccount.bare())).isNull();
            assertThat(stanzaIds.archiveId(archived)).isEqualTo(archived.getStanzaId(oursJid.bare()));
        } finally {
            smack.disconnect();
            Clients.close(ours);
        }
    }
}
