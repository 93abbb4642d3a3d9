package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;


import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/** Smack, an independent implementation, talks to our client through real servers. */
@XmppServerTest
class SmackInteropTest {


    /** Our client and a Smack client, each on a fresh account. */
    record Peers(ClientXMPP ours, XMPPTCPConnection smack, Jid smackJid) implements AutoCloseable {

        static Peers open(LocalServer server) throws Exception {
            Jid oursJid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
            Jid smackJid = Clients.newUser(server, LocalServer.DOMAIN, "pw");
            ClientXMPP ours = Clients.connected(server, oursJid, "pw");
            return new Peers(ours, loggedIn(server, smackJid, "pw"), smackJid);
        }

        @Override
        public void close() throws Exception {
            smack.disconnect();
            Clients.close(ours);
        }
    }

    static XMPPTCPConnection loggedIn(LocalServer server, Jid account, String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(account.domain())
                .setHost(server.host())
                .setPort(server.c2sPort())
                .setUsernameAndPassword(account.local(), password)
                .setResource("smack")
                .setCustomX509TrustManager(server.trustManager())
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setSocketFactory(new NoDelaySocketFactory())
                .build());
        connection.connect().login();
        return connection;
    }

    @Test
    void smackSendsToUsAndGetsOurReply(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            ClientXMPP ours = peers.ours();
            XMPPTCPConnection smack = peers.smack();
            ours.addEventHandler("message", data -> {
                Message m = (Message) data;
                m.reply("you said: " + m.getBody()).send();
            });
            BlockingQueue<org.jivesoftware.smack.packet.Message> received = new LinkedBlockingQueue<>();
            smack.addAsyncStanzaListener(s -> received.add((org.jivesoftware.smack.packet.Message) s),
                    MessageTypeFilter.CHAT);

            smack.sendStanza(smack.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.from(ours.boundJid().toString()))
                    .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
                    .setBody("hello from Smack & co <3")
                    .setThread("smack-thread")
                    .build());

            org.jivesoftware.smack.packet.Message reply = received.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(reply.getBody()).isEqualTo("you said: hello from Smack & co <3");
            assertThat(reply.getThread()).isEqualTo("smack-thread");
            assertThat(reply.getFrom().toString()).isEqualTo(ours.boundJid().toString());
        }
    }

    @Test
    void smacksIqGetsOurResultWhenHandledAndServiceUnavailableWhenNot(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            ClientXMPP ours = peers.ours();
            XMPPTCPConnection smack = peers.smack();
            ours.registerHandler(StreamHandler.of("ping", Matcher.stanzaPath("iq@type=get/{urn:xmpp:ping}ping"),
                    s -> ((Iq) s).reply().sendResponse()));
            org.jxmpp.jid.Jid target = JidCreate.from(ours.boundJid().toString());
            IQ pong = smack.createStanzaCollectorAndSend(new Ping(target)).nextResultOrThrow(10_000);
            assertThat(pong.getType()).isEqualTo(IQ.Type.result);

            Version version = new Version(target);
            assertThatThrownBy(() -> smack.createStanzaCollectorAndSend(version).nextResultOrThrow(10_000))
                    .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(
                            e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable));
        }
    }

    @Test
    void smackReceivesExactlyWhatWeSent(LocalServer server) throws Exception {
        try (Peers peers = Peers.open(server)) {
            ClientXMPP ours = peers.ours();
            XMPPTCPConnection smack = peers.smack();
            Jid smackJid = peers.smackJid();
            BlockingQueue<org.jivesoftware.smack.packet.Message> received = new LinkedBlockingQueue<>();
            smack.addAsyncStanzaListener(s -> received.add((org.jivesoftware.smack.packet.Message) s),
                    MessageTypeFilter.CHAT);
            String body = "tricky: <b>&amp;</b> ]]> \"quotes\" 'apostrophes' ⚡ 🎉 tab\there";
            Message message = ours.makeMessage(Jid.of(smackJid + "/smack"), body, Message.Type.CHAT)
                    .setSubject("subject ä").setThread("our-thread");
            XmlElement extension = message.xml().addElement("x", "urn:example:interop")
                    .setAttribute("k", "v & <w>");
            extension.addElement("y").setText("nested text");
            ours.send(message);

            org.jivesoftware.smack.packet.Message got = received.poll(10, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.getBody()).isEqualTo(body);
            assertThat(got.getSubject()).isEqualTo("subject ä");
            assertThat(got.getThread()).isEqualTo("our-thread");
            assertThat(got.getFrom().toString()).isEqualTo(ours.boundJid().toString());
            StandardExtensionElement x = (StandardExtensionElement) got.getExtensionElement("x",
                    "urn:example:interop");
            assertThat(x.getAttributeValue("k")).isEqualTo("v & <w>");
            assertThat(x.getFirstElement("y").getText()).isEqualTo("nested text");
        }
    }
}
