package org.xmppboot.plugins.xep0045;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xmppboot.plugins.xep0045.MucExamples.ROOM;
import static org.xmppboot.plugins.xep0045.MucExamples.SELF;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** Mediated invitations (XEP-0045 §7.8.2) with Examples 56 to 59 over a scripted room. */
class MucInvitationsTest {

    static final Jid COVEN = Jid.of(ROOM);
    static final Jid HECATE = Jid.of("hecate@shakespeare.lit");
    static final Jid CRONE = Jid.of("crone1@shakespeare.lit/desktop");
    static final String NS = MultiUserChat.NAMESPACE_USER;
    static final Duration QUIET = Duration.ofMillis(300);

    /** Example 57: the room passes crone1's invitation on, with the room's password. */
    static final String INVITATION = "<message from='coven@chat.shakespeare.lit' id='nzd143v8' "
            + "to='hecate@shakespeare.lit'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<invite from='crone1@shakespeare.lit/desktop'><reason>\n"
            + "        Hey Hecate, this is the place for all good witches!\n      </reason></invite>"
            + "<password>cauldronburn</password></x></message>";
    /** Example 59: the room tells the inviter that hecate declined. */
    static final String DECLINED = "<message from='coven@chat.shakespeare.lit' id='jk2vs61v' "
            + "to='crone1@shakespeare.lit/desktop'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<decline from='hecate@shakespeare.lit'><reason>\n        Sorry, I'm too busy right now.\n      "
            + "</reason></decline></x></message>";

    static StreamHarness started(MultiUserChat muc) throws InterruptedException {
        StreamHarness h = new StreamHarness(new BaseXMPP("jabber:client",
                StreamConfig.defaults().withName("invitations")) {
            {
                boundJid = Jid.of(SELF);
            }
        });
        h.xmpp.registerPlugin(muc);
        return h.start();
    }

    static BlockingQueue<Object> recorded(StreamHarness h, String event) {
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler(event, seen::add);
        return seen;
    }

    @Test
    void anInvitationGoesThroughTheRoomAsANormalMessage() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            muc.invite(COVEN, HECATE, "Hey Hecate, this is the place for all good witches!");
            // Example 56
            Message sent = new Message(h.nextSent());
            assertThat(sent.xml().attribute("to")).isEqualTo(ROOM);
            assertThat(sent.xml().attribute("type")).as("implicitly normal").isNull();
            assertThat(sent.getId()).isNotBlank();
            XmlElement invite = sent.xml().element("x", NS).element("invite", NS);
            assertThat(invite.attribute("to")).isEqualTo("hecate@shakespeare.lit");
            assertThat(invite.childText("reason", NS)).isEqualTo("Hey Hecate, this is the place for all good witches!");
            assertThat(sent.getBody()).isNull();
        }
    }

    @Test
    void anInvitationThroughARoomIsRaisedWithRoomInviterReasonAndPassword() throws Exception {
        try (StreamHarness h = started(new MultiUserChat())) {
            BlockingQueue<Object> invitations = recorded(h, MultiUserChat.EVENT_INVITE);
            BlockingQueue<Object> withoutBody = recorded(h, "message_without_body");
            h.receive(INVITATION);
            MucInvitation invitation = (MucInvitation) invitations.poll(5, TimeUnit.SECONDS);
            assertThat(invitation).isNotNull();
            assertThat(invitation.room()).isEqualTo(COVEN);
            assertThat(invitation.inviter()).isEqualTo(CRONE);
            assertThat(invitation.reason()).isEqualTo("Hey Hecate, this is the place for all good witches!");
            assertThat(invitation.password()).isEqualTo("cauldronburn");
            assertThat(invitation.continuedThread()).isNull();
            assertThat(invitation.message().getId()).isEqualTo("nzd143v8");
            assertThat(withoutBody.poll(5, TimeUnit.SECONDS)).as("the message reaches the other handlers too")
                    .isNotNull();
            assertThat(invitation.message().getMucUser().getInvite().getFrom()).isEqualTo(CRONE);
            assertThat(invitation.message().get("muc")).isInstanceOf(MucUser.class);
        }
    }

    @Test
    void anInvitationContinuingAChatCarriesItsThread() throws Exception {
        try (StreamHarness h = started(new MultiUserChat())) {
            BlockingQueue<Object> invitations = recorded(h, MultiUserChat.EVENT_INVITE);
            // §7.9, Example "Continuing the Discussion III", as the room passes it on.
            h.receive("<message from='coven@chat.shakespeare.lit' id='iv1' to='hag66@shakespeare.lit/pda'>"
                    + "<x xmlns='http://jabber.org/protocol/muc#user'><invite from='crone1@shakespeare.lit/desktop'>"
                    + "<reason>This coven needs both wiccarocks and hag66.</reason>"
                    + "<continue thread='e0ffe42b28561960c6b12b944a092794b9683a38'/></invite></x></message>");
            MucInvitation invitation = (MucInvitation) invitations.poll(5, TimeUnit.SECONDS);
            assertThat(invitation.continuedThread()).isEqualTo("e0ffe42b28561960c6b12b944a092794b9683a38");
            assertThat(invitation.password()).isNull();
        }
    }

    @Test
    void decliningGoesToTheRoomForTheInviter() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            // Example 58
            muc.decline(COVEN, Jid.of("crone1@shakespeare.lit"), "Sorry, I'm too busy right now.");
            Message sent = new Message(h.nextSent());
            assertThat(sent.xml().attribute("to")).isEqualTo(ROOM);
            assertThat(sent.xml().attribute("type")).isNull();
            XmlElement decline = sent.xml().element("x", NS).element("decline", NS);
            assertThat(decline.attribute("to")).isEqualTo("crone1@shakespeare.lit");
            assertThat(decline.childText("reason", NS)).isEqualTo("Sorry, I'm too busy right now.");

            // Declining a received invitation names its inviter; no reason, no <reason/>.
            BlockingQueue<Object> invitations = recorded(h, MultiUserChat.EVENT_INVITE);
            h.receive(INVITATION);
            muc.decline((MucInvitation) invitations.poll(5, TimeUnit.SECONDS), null);
            XmlElement declined = new Message(h.nextSent()).xml().element("x", NS).element("decline", NS);
            assertThat(declined.attribute("to")).isEqualTo(CRONE.toString());
            assertThat(declined.element("reason", NS)).isNull();
        }
    }

    @Test
    void aDeclinePassedOnByTheRoomIsRaised() throws Exception {
        try (StreamHarness h = started(new MultiUserChat())) {
            BlockingQueue<Object> declines = recorded(h, MultiUserChat.EVENT_DECLINE);
            // Example 59
            h.receive(DECLINED);
            MucInvitationDeclined declined = (MucInvitationDeclined) declines.poll(5, TimeUnit.SECONDS);
            assertThat(declined).isNotNull();
            assertThat(declined.room()).isEqualTo(COVEN);
            assertThat(declined.invitee()).isEqualTo(HECATE);
            assertThat(declined.reason()).isEqualTo("Sorry, I'm too busy right now.");
            assertThat(declined.message().getId()).isEqualTo("jk2vs61v");
        }
    }

    @Test
    void onlyARoomsNormalMessagesAreInvitationsAndMalformedOnesDoNotBreakAnything() throws Exception {
        try (StreamHarness h = started(new MultiUserChat())) {
            BlockingQueue<Object> invitations = recorded(h, MultiUserChat.EVENT_INVITE);
            BlockingQueue<Object> declines = recorded(h, MultiUserChat.EVENT_DECLINE);
            BlockingQueue<Object> withoutBody = recorded(h, "message_without_body");
            BlockingQueue<Object> errors = recorded(h, "message_error");
            // From an occupant, or a user: not a room's bare JID.
            h.receive(INVITATION.replace("from='coven@chat.shakespeare.lit'",
                    "from='coven@chat.shakespeare.lit/firstwitch'"));
            h.receive(INVITATION.replace("from='coven@chat.shakespeare.lit'", "from='shakespeare.lit'"));
            h.receive(INVITATION.replace("id='nzd143v8'", "id='g1' type='groupchat'"));
            h.receive(INVITATION.replace("id='nzd143v8'", "id='e1' type='error'"));
            h.receive(DECLINED.replace("from='coven@chat.shakespeare.lit'", "from='hecate@shakespeare.lit/broom'"));
            assertThat(invitations.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
            assertThat(declines.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();

            // Unreadable parts are left out; the invitation still counts.
            h.receive("<message from='coven@chat.shakespeare.lit' id='bad'><x xmlns='" + NS + "'>"
                    + "<invite from='@@not a jid'><reason>  </reason></invite></x></message>");
            MucInvitation odd = (MucInvitation) invitations.poll(5, TimeUnit.SECONDS);
            assertThat(odd.inviter()).isNull();
            assertThat(odd.reason()).isNull();
            // Every one of them reached the other handlers: all but the error as message_without_body.
            for (int i = 0; i < 5; i++) {
                assertThat(withoutBody.poll(5, TimeUnit.SECONDS)).as("message %s", i).isNotNull();
            }
            assertThat(errors.poll(5, TimeUnit.SECONDS)).isNotNull();
        }
    }
}
