package org.xmppboot.plugins.xep0045;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xmppboot.plugins.xep0045.MucExamples.*;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0082.XmppDateTime;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Presence;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0045 over a scripted room, with the XEP's own examples. */
class MultiUserChatTest {

    private static final Jid COVEN = Jid.of(ROOM);
    private static final Duration QUIET = Duration.ofMillis(300);

    private static StreamHarness started(MultiUserChat muc) throws InterruptedException {
        BaseXMPP bound = new BaseXMPP("jabber:client", StreamConfig.defaults().withName("muc")) {
            {
                boundJid = Jid.of(SELF);
            }
        };
        StreamHarness h = new StreamHarness(bound);
        h.xmpp.registerPlugin(muc);
        return h.start();
    }

    /** Joins the coven as thirdwitch, answering with Examples 21, 22 and 24. */
    private static Room joined(StreamHarness h, MultiUserChat muc) throws Exception {
        CompletableFuture<Room> join = muc.join(COVEN, "thirdwitch");
        h.nextSent();
        h.receive(FIRSTWITCH);
        h.receive(SECONDWITCH);
        h.receive(SELF_PRESENCE);
        return join.get(5, TimeUnit.SECONDS);
    }

    private static BlockingQueue<Object> events(StreamHarness h, String... names) {
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        for (String name : names) {
            h.xmpp.addEventHandler(name, data -> seen.add(name + ": " + data));
        }
        return seen;
    }

    @Test
    void joiningSendsThePresenceOfExample18AndCompletesOnTheSelfPresence() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            BlockingQueue<Object> joinedEvents = events(h, MultiUserChat.EVENT_JOINED);
            CompletableFuture<Room> join = muc.join(COVEN, JoinOptions.nick("thirdwitch")
                    .withPassword("cauldronburn").withHistory(History.maxStanzas(20)));

            Presence sent = new Presence(h.nextSent());
            assertThat(sent.xml().attribute("to")).isEqualTo("coven@chat.shakespeare.lit/thirdwitch");
            XmlElement x = sent.xml().element("x", MultiUserChat.NAMESPACE);
            assertThat(x).isNotNull();
            assertThat(x.childText("password", MultiUserChat.NAMESPACE)).isEqualTo("cauldronburn");
            assertThat(x.element("history", MultiUserChat.NAMESPACE).attribute("maxstanzas")).isEqualTo("20");

            h.receive(FIRSTWITCH);
            h.receive(SECONDWITCH);
            assertThat(join).as("others' presence is not ours").isNotDone();
            h.receive(SELF_PRESENCE);
            Room room = join.get(5, TimeUnit.SECONDS);

            assertThat(room.isJoined()).isTrue();
            assertThat(room.nick()).isEqualTo("thirdwitch");
            assertThat(room.occupants()).extracting(Occupant::nick)
                    .containsExactly("firstwitch", "secondwitch", "thirdwitch");
            Occupant first = room.occupant("firstwitch");
            assertThat(first.role()).isEqualTo(Role.MODERATOR);
            assertThat(first.affiliation()).isEqualTo(Affiliation.OWNER);
            assertThat(first.jid()).as("a semi-anonymous room hides real JIDs").isNull();
            assertThat(room.occupant("thirdwitch").affiliation()).isEqualTo(Affiliation.MEMBER);
            assertThat(joinedEvents.poll(5, TimeUnit.SECONDS)).asString().startsWith("muc_joined: Room[coven");
            assertThat(muc.room(Jid.of(ROOM + "/whoever"))).isSameAs(room);
        }
    }

    @Test
    void theRosterFollowsPresenceJidsNickChangesAndDepartures() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            Room room = joined(h, muc);
            BlockingQueue<Object> presences = events(h, MultiUserChat.roomEvent(COVEN, "presence"));

            h.receive(FIRSTWITCH_WITH_JID);
            h.receive(NICK_CHANGE);
            h.receive(NEW_NICK);
            await(() -> room.occupant("oldhag") != null);
            assertThat(presences.poll(5, TimeUnit.SECONDS)).as("raised per room").isNotNull();
            assertThat(room.occupant("firstwitch").jid()).isEqualTo(Jid.of("crone1@shakespeare.lit/desktop"));
            assertThat(room.occupants()).extracting(Occupant::nick)
                    .containsExactly("firstwitch", "thirdwitch", "oldhag");

            h.receive(FIRSTWITCH.replace("<presence ", "<presence type='unavailable' "));
            await(() -> room.occupant("firstwitch") == null);
            assertThat(room.occupants()).extracting(Occupant::nick).containsExactly("thirdwitch", "oldhag");
        }
    }

    @Test
    void ourNickChangeFollowsTheRoomAndKeepsFilteringOurMessages() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            Room room = joined(h, muc);
            BlockingQueue<Object> seen = events(h, MultiUserChat.EVENT_LEFT, "groupchat_message");
            muc.changeNick(COVEN, "oldhag");
            assertThat(h.nextSent().attribute("to")).isEqualTo(ROOM + "/oldhag");
            // §7.6, Examples 60 and 61 as the third witch receives them.
            h.receive("<presence from='coven@chat.shakespeare.lit/thirdwitch' to='hag66@shakespeare.lit/pda' "
                    + "type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' "
                    + "jid='hag66@shakespeare.lit/pda' nick='oldhag' role='participant'/><status code='303'/>"
                    + "<status code='110'/></x></presence>");
            h.receive("<presence from='coven@chat.shakespeare.lit/oldhag' to='hag66@shakespeare.lit/pda'>"
                    + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member' "
                    + "jid='hag66@shakespeare.lit/pda' role='participant'/><status code='110'/></x></presence>");
            await(() -> room.occupant("oldhag") != null);
            assertThat(room.nick()).isEqualTo("oldhag");
            assertThat(room.occupant("thirdwitch")).isNull();
            assertThat(room.isJoined()).isTrue();

            h.receive(OWN_MESSAGE.replace("/thirdwitch'", "/oldhag'"));
            h.receive(MESSAGE);
            assertThat(seen.poll(5, TimeUnit.SECONDS)).as("no muc_left, our message filtered").asString()
                    .startsWith("groupchat_message").contains("brinded cat");
            assertThat(muc.mentionsMe(new Message(XmlElement.parse("<message xmlns='jabber:client' from='"
                    + ROOM + "/firstwitch' type='groupchat'><body>oldhag: well done</body></message>")))).isTrue();
        }
    }

    @Test
    void malformedRoomStanzasAreReadLeniently() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            Room room = joined(h, muc);
            BlockingQueue<Object> messages = events(h, "groupchat_message");
            h.receive("<presence from='coven@chat.shakespeare.lit'/>");
            h.receive("<presence from='coven@chat.shakespeare.lit/fourthwitch'><x xmlns='"
                    + MultiUserChat.NAMESPACE_USER + "'><item role='queen' affiliation='' jid='@@'/>"
                    + "<status code='x'/><status/></x></presence>");
            h.receive("<presence from='coven@chat.shakespeare.lit/fifthwitch' type='error'/>");
            h.receive(MESSAGE.replace("</body>", "</body><delay xmlns='urn:xmpp:delay' stamp='yesterday'/>"));
            assertThat(messages.poll(5, TimeUnit.SECONDS)).asString().contains("brinded cat");
            Occupant fourth = room.occupant("fourthwitch");
            assertThat(fourth).isNotNull();
            assertThat(fourth.role()).isNull();
            assertThat(fourth.affiliation()).isNull();
            assertThat(fourth.jid()).isNull();
            assertThat(room.isJoined()).isTrue();
        }
    }

    @Test
    void aTakenNickFallsBackToTheNextOneThenFails() throws Exception {
        MultiUserChat muc = new MultiUserChat(MucConfig.DEFAULT.withNickFallback(MucConfig.NickFallback.NUMBER, 2));
        try (StreamHarness h = started(muc)) {
            CompletableFuture<Room> join = muc.join(COVEN, "thirdwitch");
            h.nextSent();
            h.receive(CONFLICT);
            assertThat(h.nextSent().attribute("to")).isEqualTo("coven@chat.shakespeare.lit/thirdwitch2");
            h.receive(CONFLICT.replace("/thirdwitch'", "/thirdwitch2'"));
            assertThat(h.nextSent().attribute("to")).isEqualTo("coven@chat.shakespeare.lit/thirdwitch3");
            h.receive(CONFLICT.replace("/thirdwitch'", "/thirdwitch3'"));

            assertThatThrownBy(() -> join.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StanzaErrorException.class)
                    .satisfies(e -> assertThat(((StanzaErrorException) e).condition())
                            .isEqualTo(StanzaError.Condition.CONFLICT));
            assertThat(h.peer.nextSent(QUIET)).as("attempts are bounded").isNull();
            assertThat(muc.room(COVEN)).isNull();
        }
    }

    @Test
    void theUnderscoreFallbackJoinsUnderTheNickTheRoomAccepted() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            CompletableFuture<Room> join = muc.join(COVEN, "thirdwitch");
            h.nextSent();
            h.receive(CONFLICT);
            assertThat(h.nextSent().attribute("to")).isEqualTo("coven@chat.shakespeare.lit/thirdwitch_");
            h.receive(SELF_PRESENCE.replace("/thirdwitch'", "/thirdwitch_'"));
            assertThat(join.get(5, TimeUnit.SECONDS).nick()).isEqualTo("thirdwitch_");
        }
    }

    @Test
    void aRoomErrorFailsTheJoin() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            BlockingQueue<Object> failures = events(h, MultiUserChat.EVENT_JOIN_FAILED);
            CompletableFuture<Room> join = muc.join(COVEN, "thirdwitch");
            h.nextSent();
            h.receive(NOT_AUTHORIZED);
            assertThatThrownBy(() -> join.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(StanzaErrorException.class).hasMessageContaining("not-authorized");
            assertThat(failures.poll(5, TimeUnit.SECONDS)).asString().startsWith("muc_join_failed");
            assertThat(h.peer.nextSent(QUIET)).as("no nick fallback for a password").isNull();
        }
    }

    @Test
    void aJoinWithoutAnswerTimesOut() throws Exception {
        MultiUserChat muc = new MultiUserChat(MucConfig.DEFAULT.withJoinTimeout(Duration.ofMillis(200)));
        try (StreamHarness h = started(muc)) {
            CompletableFuture<Room> join = muc.join(COVEN, "thirdwitch");
            assertThatThrownBy(() -> join.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
        }
    }

    @Test
    void theSubjectIsKeptAndRaised() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            Room room = joined(h, muc);
            BlockingQueue<Object> seen = events(h, MultiUserChat.EVENT_SUBJECT,
                    MultiUserChat.roomEvent(COVEN, "subject"));
            h.receive(SUBJECT);
            assertThat(seen.poll(5, TimeUnit.SECONDS)).asString().startsWith("groupchat_subject");
            assertThat(seen.poll(5, TimeUnit.SECONDS)).asString()
                    .startsWith("muc::coven@chat.shakespeare.lit::subject");
            assertThat(room.subject()).isEqualTo("Fire Burn and Cauldron Bubble!");

            muc.setSubject(COVEN, "Double, double");
            Message sent = new Message(h.nextSent());
            assertThat(sent.getSubject()).isEqualTo("Double, double");
            assertThat(sent.getMessageType()).isEqualTo(Message.Type.GROUPCHAT);
            assertThat(sent.getBody()).isNull();
        }
    }

    @Test
    void ourReflectedMessagesReachNoHandlerUnlessAskedFor() throws Exception {
        for (boolean receiveOwn : new boolean[] {false, true}) {
            MultiUserChat muc = new MultiUserChat(MucConfig.DEFAULT.withReceiveOwnMessages(receiveOwn));
            try (StreamHarness h = started(muc)) {
                joined(h, muc);
                BlockingQueue<Object> messages = events(h, "groupchat_message");
                h.receive(OWN_MESSAGE);
                h.receive(MESSAGE);
                if (receiveOwn) {
                    assertThat(messages.poll(5, TimeUnit.SECONDS)).asString().contains("Harpier cries");
                }
                assertThat(messages.poll(5, TimeUnit.SECONDS)).asString().contains("brinded cat");
                assertThat(messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
            }
        }
    }

    @Test
    void sendsGroupchatAndPrivateMessages() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            joined(h, muc);
            muc.sendMessage(COVEN, "Harpier cries");
            Message group = new Message(h.nextSent());
            assertThat(group.xml().attribute("to")).isEqualTo(ROOM);
            assertThat(group.getMessageType()).isEqualTo(Message.Type.GROUPCHAT);

            muc.sendPrivateMessage(COVEN, "secondwitch", "I'll give thee a wind.");
            Message direct = new Message(h.nextSent());
            assertThat(direct.xml().attribute("to")).isEqualTo(ROOM + "/secondwitch");
            assertThat(direct.getMessageType()).isEqualTo(Message.Type.CHAT);
            assertThat(direct.xml().element("x", MultiUserChat.NAMESPACE_USER)).isNotNull();
        }
    }

    @Test
    void kickSendsExample87AndOurKickLeavesTheRoom() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            joined(h, muc);
            BlockingQueue<Object> left = events(h, MultiUserChat.EVENT_LEFT);
            CompletableFuture<?> kick = muc.kick(COVEN, "pistol", "Avaunt, you cullion!");
            XmlElement iq = h.nextSent();
            assertThat(iq.attribute("type")).isEqualTo("set");
            assertThat(iq.attribute("to")).isEqualTo(ROOM);
            XmlElement item = iq.element("query", MultiUserChat.NAMESPACE_ADMIN)
                    .element("item", MultiUserChat.NAMESPACE_ADMIN);
            assertThat(item.attribute("nick")).isEqualTo("pistol");
            assertThat(item.attribute("role")).isEqualTo("none");
            assertThat(item.childText("reason", MultiUserChat.NAMESPACE_ADMIN)).isEqualTo("Avaunt, you cullion!");
            h.receive("<iq from='" + ROOM + "' id='" + iq.attribute("id") + "' type='result'/>");
            kick.get(5, TimeUnit.SECONDS);

            h.receive(KICKED);
            assertThat(left.poll(5, TimeUnit.SECONDS)).asString().startsWith("muc_left");
            assertThat(muc.room(COVEN)).as("a kicked bot does not rejoin").isNull();
        }
    }

    @Test
    void affiliationsAndConfiguration() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            muc.ban(COVEN, Jid.of("earlofcambridge@shakespeare.lit/stabber"), "Treason");
            XmlElement item = h.nextSent().element("query", MultiUserChat.NAMESPACE_ADMIN)
                    .element("item", MultiUserChat.NAMESPACE_ADMIN);
            assertThat(item.attribute("jid")).as("§9.1: the bare JID").isEqualTo("earlofcambridge@shakespeare.lit");
            assertThat(item.attribute("affiliation")).isEqualTo("outcast");

            muc.grantMembership(COVEN, Jid.of("hag66@shakespeare.lit"));
            assertThat(h.nextSent().element("query", MultiUserChat.NAMESPACE_ADMIN)
                    .element("item", MultiUserChat.NAMESPACE_ADMIN).attribute("affiliation")).isEqualTo("member");

            CompletableFuture<org.xmppboot.plugins.xep0004.DataForm> form = muc.getConfiguration(COVEN);
            XmlElement get = h.nextSent();
            assertThat(get.element("query", MultiUserChat.NAMESPACE_OWNER)).isNotNull();
            h.receive("<iq from='" + ROOM + "' id='" + get.attribute("id") + "' type='result'>"
                    + "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='form'>"
                    + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/muc#roomconfig</value>"
                    + "</field><field var='muc#roomconfig_roomname' type='text-single'/></x></query></iq>");
            assertThat(form.get(5, TimeUnit.SECONDS).field("muc#roomconfig_roomname")).isNotNull();
        }
    }

    @Test
    void destroyingSendsTheOwnersRequestWithItsReason() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            CompletableFuture<?> destroyed = muc.destroy(COVEN, "Macbeth doth come.");
            XmlElement iq = h.nextSent();
            assertThat(iq.attribute("type")).isEqualTo("set");
            assertThat(iq.attribute("to")).isEqualTo(ROOM);
            // §10.9: <destroy/> inside the owner's query, the reason inside <destroy/>.
            XmlElement destroy = iq.element("query", MultiUserChat.NAMESPACE_OWNER)
                    .element("destroy", MultiUserChat.NAMESPACE_OWNER);
            assertThat(destroy.childText("reason", MultiUserChat.NAMESPACE_OWNER)).isEqualTo("Macbeth doth come.");
            assertThat(destroyed).isNotDone();
            h.receive("<iq from='" + ROOM + "' id='" + iq.attribute("id") + "' type='result'/>");
            destroyed.get(5, TimeUnit.SECONDS);

            muc.destroy(COVEN, null);
            assertThat(h.nextSent().element("query", MultiUserChat.NAMESPACE_OWNER)
                    .element("destroy", MultiUserChat.NAMESPACE_OWNER).elements()).as("no reason, no <reason/>")
                    .isEmpty();
        }
    }

    @Test
    void aNewSessionRejoinsAskingForWhatWasMissedAndDropsWhatWasSeen() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            Room room = joined(h, muc);
            BlockingQueue<Object> messages = events(h, "groupchat_message");
            h.receive(MESSAGE);
            assertThat(messages.poll(5, TimeUnit.SECONDS)).asString().contains("Thrice");
            Instant seen = room.lastMessageAt();

            h.xmpp.event("session_resumed", Jid.of(SELF));
            assertThat(h.peer.nextSent(QUIET)).as("a resumed session is still in the room").isNull();

            h.xmpp.event("session_start", Jid.of(SELF));
            Presence rejoin = new Presence(h.nextSent());
            assertThat(rejoin.xml().attribute("to")).isEqualTo(ROOM + "/thirdwitch");
            String since = rejoin.xml().element("x", MultiUserChat.NAMESPACE)
                    .element("history", MultiUserChat.NAMESPACE).attribute("since");
            assertThat(XmppDateTime.parseInstant(since)).isBefore(seen).isAfter(seen.minusSeconds(10));
            assertThat(room.isJoined()).isFalse();
            assertThat(room.occupants()).isEmpty();

            String stamp = "stamp='" + XmppDateTime.format(seen) + "'";
            h.receive(HISTORY.replace("stamp='2002-10-13T23:58:37Z'", stamp));
            h.receive(HISTORY.replace("stamp='2002-10-13T23:58:37Z'", stamp).replace("162BEBB1", "NEW")
                    .replace("Thrice", "Twice"));
            h.receive(SELF_PRESENCE);
            await(room::isJoined);
            assertThat(messages.poll(5, TimeUnit.SECONDS)).asString().contains("Twice");
            assertThat(messages.poll(300, TimeUnit.MILLISECONDS)).as("seen before the cut").isNull();
        }
    }

    @Test
    void aRejoinThatFailsForAPassingReasonIsTriedAgainAndAFinalOneGivesUp() throws Exception {
        MultiUserChat muc = new MultiUserChat(MucConfig.DEFAULT.withRejoinRetryInterval(Duration.ofMillis(200)));
        try (StreamHarness h = started(muc)) {
            joined(h, muc);
            BlockingQueue<MucJoinFailure> failures = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler(MultiUserChat.EVENT_JOIN_FAILED, data -> failures.add((MucJoinFailure) data));

            h.xmpp.event("session_start", Jid.of(SELF));
            h.nextSent();
            h.receive(NOT_AUTHORIZED.replace("type='auth'", "type='wait'")
                    .replace("not-authorized", "remote-server-timeout"));
            assertThat(failures.poll(5, TimeUnit.SECONDS).retrying()).isTrue();
            assertThat(muc.room(COVEN)).as("still wanted").isNotNull();
            XmlElement again = h.nextSent();
            assertThat(again.attribute("to")).isEqualTo(ROOM + "/thirdwitch");
            assertThat(again.element("x", MultiUserChat.NAMESPACE)).isNotNull();

            h.receive(NOT_AUTHORIZED.replace("not-authorized", "forbidden"));
            MucJoinFailure banned = failures.poll(5, TimeUnit.SECONDS);
            assertThat(banned.retrying()).isFalse();
            assertThat(((StanzaErrorException) banned.cause()).condition()).isEqualTo(StanzaError.Condition.FORBIDDEN);
            assertThat(muc.room(COVEN)).isNull();
            assertThat(h.peer.nextSent(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void aJoinBeforeTheSessionIsSentWhenItStarts() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        StreamHarness h = new StreamHarness(new BaseXMPP("jabber:client", StreamConfig.defaults().withName("m")));
        h.xmpp.registerPlugin(muc);
        CompletableFuture<Room> join = muc.join(COVEN, JoinOptions.nick("thirdwitch").withHistory(History.NONE));
        try (h) {
            h.start();
            h.xmpp.event("session_start", Jid.of(SELF));
            XmlElement sent = h.nextSent();
            assertThat(sent.element("x", MultiUserChat.NAMESPACE).element("history", MultiUserChat.NAMESPACE)
                    .attribute("maxstanzas")).isEqualTo("0");
            h.receive(SELF_PRESENCE);
            assertThat(join.get(5, TimeUnit.SECONDS).isJoined()).isTrue();
        }
    }

    @Test
    void aCreatedRoomIsUnlockedAsAnInstantRoom() throws Exception {
        MultiUserChat muc = new MultiUserChat();
        try (StreamHarness h = started(muc)) {
            CompletableFuture<Room> join = muc.join(COVEN, "thirdwitch");
            h.nextSent();
            h.receive(SELF_PRESENCE.replace("<status code='110'/>", "<status code='110'/><status code='201'/>"));
            XmlElement iq = h.nextSent();
            XmlElement form = iq.element("query", MultiUserChat.NAMESPACE_OWNER).element("x", "jabber:x:data");
            assertThat(form.attribute("type")).isEqualTo("submit");
            assertThat(join).isNotDone();
            h.receive("<iq from='" + ROOM + "' id='" + iq.attribute("id") + "' type='result'/>");
            assertThat(join.get(5, TimeUnit.SECONDS).isJoined()).isTrue();
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(StreamHarness.WAIT).until(condition);
    }
}
