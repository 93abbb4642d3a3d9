package org.xmppboot.plugins.xep0249;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0045.MultiUserChat;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0249 with the XEP's own example, over a scripted peer. */
class DirectInvitationsTest {

    /** XEP-0249 Example 1. */
    private static final String INVITE = "<message from='crone1@shakespeare.lit/desktop' "
            + "to='hecate@shakespeare.lit/broom'><x xmlns='jabber:x:conference' "
            + "jid='darkcave@macbeth.shakespeare.lit' password='cauldronburn' "
            + "reason='Hey Hecate, this is the place for all good witches!'/></message>";

    private static StreamHarness started(DirectInvitations invitations) throws InterruptedException {
        BaseXMPP bound = new BaseXMPP("jabber:client", StreamConfig.defaults().withName("inv")) {
            {
                boundJid = Jid.of("hecate@shakespeare.lit/broom");
            }
        };
        StreamHarness h = new StreamHarness(bound);
        h.xmpp.registerPlugin(invitations);
        return h.start();
    }

    @Test
    void aReceivedInvitationIsRaisedAndNotJoinedByDefault() throws Exception {
        try (StreamHarness h = started(new DirectInvitations())) {
            BlockingQueue<Message> invites = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler(DirectInvitations.EVENT_INVITE, data -> invites.add((Message) data));
            h.receive(INVITE.replace("jid='darkcave@macbeth.shakespeare.lit'", "jid=''"));
            h.receive(INVITE);
            DirectInvite invite = invites.poll(5, TimeUnit.SECONDS).getDirectInvite();
            assertThat(invite.getRoom()).isEqualTo(Jid.of("darkcave@macbeth.shakespeare.lit"));
            assertThat(invite.getPassword()).isEqualTo("cauldronburn");
            assertThat(invite.getReason()).startsWith("Hey Hecate");
            assertThat(invites.poll(200, TimeUnit.MILLISECONDS)).as("the malformed one was ignored").isNull();
            assertThat(h.peer.nextSent(Duration.ofMillis(200))).as("no auto-join").isNull();
            assertThat(h.xmpp.plugin(ServiceDiscovery.class).features()).contains(DirectInvitations.NAMESPACE);
        }
    }

    @Test
    void autoJoinJoinsWithThePasswordOurLocalpartAndNoHistory() throws Exception {
        try (StreamHarness h = started(new DirectInvitations(DirectInvitationsConfig.DEFAULT.withAutoJoin(true)))) {
            h.receive(INVITE);
            XmlElement join = h.nextSent();
            assertThat(join.attribute("to")).isEqualTo("darkcave@macbeth.shakespeare.lit/hecate");
            XmlElement x = join.element("x", MultiUserChat.NAMESPACE);
            assertThat(x.childText("password", MultiUserChat.NAMESPACE)).isEqualTo("cauldronburn");
            assertThat(x.element("history", MultiUserChat.NAMESPACE).attribute("maxstanzas")).isEqualTo("0");
        }
    }

    @Test
    void sendsExample1() throws Exception {
        DirectInvitations invitations = new DirectInvitations();
        try (StreamHarness h = started(invitations)) {
            invitations.invite(Jid.of("hecate@shakespeare.lit"), Jid.of("darkcave@macbeth.shakespeare.lit"),
                    "Hey Hecate, this is the place for all good witches!", "cauldronburn");
            XmlElement sent = h.nextSent();
            assertThat(sent.attribute("to")).isEqualTo("hecate@shakespeare.lit");
            XmlElement x = sent.element("x", DirectInvitations.NAMESPACE);
            assertThat(x.attribute("jid")).isEqualTo("darkcave@macbeth.shakespeare.lit");
            assertThat(x.attribute("password")).isEqualTo("cauldronburn");
            assertThat(x.attribute("reason")).isEqualTo("Hey Hecate, this is the place for all good witches!");
            assertThat(new Message(sent).get("groupchat_invite")).isInstanceOf(DirectInvite.class);
        }
    }
}
