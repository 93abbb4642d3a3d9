package org.xmppboot.plugins.xep0060;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginRegistry;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0060 with the specification's examples: the requests we send, the answers we read, the events we raise. */
class PubSubTest {

    static final Jid SERVICE = Jid.of("pubsub.shakespeare.lit");
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String EVENT = "http://jabber.org/protocol/pubsub#event";

    private static StreamHarness started() throws InterruptedException {
        StreamHarness h = new StreamHarness();
        h.xmpp.registerPlugin(new PubSub());
        h.start();
        return h;
    }

    private static XmlElement entry(String title) {
        XmlElement entry = new XmlElement("entry", ATOM);
        entry.addElement("title", ATOM).setText(title);
        return entry;
    }

    @Test
    void publishingSendsTheItemAndReadsTheIdTheServiceAssigned() throws Exception {
        try (StreamHarness h = started()) {
            CompletableFuture<String> id = h.xmpp.plugin(PubSub.class).publish(SERVICE, "princely_musings", null,
                    entry("Soliloquy"));
            XmlElement sent = h.nextSent();
            XmlElement publish = sent.element("pubsub", PUBSUB).element("publish", PUBSUB);
            assertThat(sent.attribute("type")).isEqualTo("set");
            assertThat(sent.attribute("to")).isEqualTo("pubsub.shakespeare.lit");
            assertThat(publish.attribute("node")).isEqualTo("princely_musings");
            XmlElement item = publish.element("item", PUBSUB);
            assertThat(item.attribute("id")).as("the service chooses").isNull();
            assertThat(item.element("entry", ATOM).childText("title", ATOM)).isEqualTo("Soliloquy");

            // §7.1.2, Example 100: the result names the item.
            h.receive("<iq type='result' from='pubsub.shakespeare.lit' id='" + sent.attribute("id") + "'>"
                    + "<pubsub xmlns='" + PUBSUB + "'><publish node='princely_musings'>"
                    + "<item id='ae890ac52d0df67ed7cfdf51b644e901'/></publish></pubsub></iq>");
            assertThat(id.get(5, TimeUnit.SECONDS)).isEqualTo("ae890ac52d0df67ed7cfdf51b644e901");
        }
    }

    @Test
    void notificationsRaiseOneEventPerItemAndPerRetraction() throws Exception {
        try (StreamHarness h = started()) {
            BlockingQueue<Object> published = new LinkedBlockingQueue<>();
            BlockingQueue<Object> retracted = new LinkedBlockingQueue<>();
            h.xmpp.addEventHandler(PubSub.EVENT_PUBLISH, published::add);
            h.xmpp.addEventHandler(PubSub.EVENT_RETRACT, retracted::add);

            // §7.1.2.1, Example 101: an item with a payload.
            h.receive("<message from='pubsub.shakespeare.lit' to='francisco@denmark.lit' id='foo'>"
                    + "<event xmlns='" + EVENT + "'><items node='princely_musings'>"
                    + "<item id='ae890ac52d0df67ed7cfdf51b644e901'><entry xmlns='" + ATOM + "'>"
                    + "<title>Soliloquy</title></entry></item></items></event></message>");
            Published p = (Published) published.poll(5, TimeUnit.SECONDS);
            assertThat(p.service()).isEqualTo(SERVICE);
            assertThat(p.node()).isEqualTo("princely_musings");
            assertThat(p.item().id()).isEqualTo("ae890ac52d0df67ed7cfdf51b644e901");
            assertThat(p.item().payload().childText("title", ATOM)).isEqualTo("Soliloquy");
            assertThat(p.message().getPubSubEvent().getItems()).hasSize(1);
            assertThat(p.message().get("pubsub_event")).isInstanceOf(PubSubEvent.class);

            // §7.2.2.1, Example 117: a retraction.
            h.receive("<message from='pubsub.shakespeare.lit' to='bernardo@denmark.lit' id='bar'>"
                    + "<event xmlns='" + EVENT + "'><items node='princely_musings'>"
                    + "<retract id='ae890ac52d0df67ed7cfdf51b644e901'/></items></event></message>");
            Retracted r = (Retracted) retracted.poll(5, TimeUnit.SECONDS);
            assertThat(r.itemId()).isEqualTo("ae890ac52d0df67ed7cfdf51b644e901");
            assertThat(r.node()).isEqualTo("princely_musings");

            // Malformed: no node. Nothing is raised, nothing breaks.
            h.receive("<message from='pubsub.shakespeare.lit'><event xmlns='" + EVENT + "'><items>"
                    + "<item id='x'/></items></event></message>");
            assertThat(published.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void subscribingReadsTheSubscriptionAndAnErrorFailsTheFuture() throws Exception {
        try (StreamHarness h = started()) {
            PubSub pubsub = h.xmpp.plugin(PubSub.class);
            CompletableFuture<Subscription> subscription = pubsub.subscribe(SERVICE, "princely_musings",
                    Jid.of("francisco@denmark.lit"));
            XmlElement sent = h.nextSent();
            XmlElement subscribe = sent.element("pubsub", PUBSUB).element("subscribe", PUBSUB);
            assertThat(subscribe.attribute("jid")).isEqualTo("francisco@denmark.lit");
            // §6.1.2, Example 33.
            h.receive("<iq type='result' from='pubsub.shakespeare.lit' id='" + sent.attribute("id") + "'>"
                    + "<pubsub xmlns='" + PUBSUB + "'><subscription node='princely_musings' "
                    + "jid='francisco@denmark.lit' subid='ba49252aaa4f5d320c24d3766f0bdcade78c78d3' "
                    + "subscription='subscribed'/></pubsub></iq>");
            Subscription s = subscription.get(5, TimeUnit.SECONDS);
            assertThat(s.isSubscribed()).isTrue();
            assertThat(s.subscriptionId()).isEqualTo("ba49252aaa4f5d320c24d3766f0bdcade78c78d3");

            CompletableFuture<List<PubSubItem>> items = pubsub.getItems(SERVICE, "princely_musings", 2);
            XmlElement get = h.nextSent();
            assertThat(get.element("pubsub", PUBSUB).element("items", PUBSUB).attribute("max_items"))
                    .isEqualTo("2");
            // §6.1.3.1, Example 36: a node that does not exist.
            h.receive("<iq type='error' from='pubsub.shakespeare.lit' id='" + get.attribute("id") + "'>"
                    + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                    + "</error></iq>");
            assertThatThrownBy(() -> items.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(StanzaErrorException.class);
        }
    }

    @Test
    void itemsAreReadInOrder() throws Exception {
        try (StreamHarness h = started()) {
            CompletableFuture<List<PubSubItem>> items = h.xmpp.plugin(PubSub.class).getItems(SERVICE,
                    "princely_musings", null);
            XmlElement get = h.nextSent();
            h.receive("<iq type='result' from='pubsub.shakespeare.lit' id='" + get.attribute("id") + "'>"
                    + "<pubsub xmlns='" + PUBSUB + "'><items node='princely_musings'>"
                    + "<item id='368866411b877c30064a5f62b917cffe'><entry xmlns='" + ATOM + "'><title>The Uses of This "
                    + "World</title></entry></item><item id='3300659945416e274474e469a1f0154c'><entry xmlns='" + ATOM
                    + "'><title>Ghostly Encounters</title></entry></item></items></pubsub></iq>");
            assertThat(items.get(5, TimeUnit.SECONDS)).extracting(PubSubItem::id)
                    .containsExactly("368866411b877c30064a5f62b917cffe", "3300659945416e274474e469a1f0154c");
        }
    }

    @Test
    void loadsByNameWithItsDependencies() throws Exception {
        assertThat(PluginRegistry.availableNames()).contains(PubSub.NAME, "xep_0163");
        try (StreamHarness h = new StreamHarness()) {
            h.xmpp.registerPlugin("xep_0163");
            h.start();
            assertThat(h.xmpp.plugin(PubSub.class)).isNotNull();
            Message m = new Message(XmlElement.parse("<message xmlns='jabber:client'/>"));
            m.xml().addChild(PubSubEvent.published("n", new PubSubItem("1", null)).xml());
            assertThat(m.getPubSubEvent().getNode()).isEqualTo("n");
        }
    }
}
