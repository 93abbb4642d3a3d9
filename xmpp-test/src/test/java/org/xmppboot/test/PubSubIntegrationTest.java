package org.xmppboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.client.ClientXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0060.PubSub;
import org.xmppboot.plugins.xep0060.PubSubItem;
import org.xmppboot.plugins.xep0060.Published;
import org.xmppboot.plugins.xep0060.Retracted;
import org.xmppboot.plugins.xep0060.Subscription;
import org.xmppboot.plugins.xep0163.PersonalEventing;
import org.xmppboot.xml.XmlElement;

/** XEP-0060 against Prosody's pubsub service, and XEP-0163 on an account, between two of our clients. */
@ProsodyTest
class PubSubIntegrationTest {

    static final Jid SERVICE = Jid.of(LocalServer.PUBSUB_DOMAIN);
    static final String NS = "urn:example:weather";

    private static ClientXMPP connected(LocalProsody server, Jid account) throws Exception {
        ClientXMPP client = new ClientXMPP(Clients.config(server, account, "pw").build());
        client.registerPlugin(new PubSub()).registerPlugin(new PersonalEventing());
        client.connect().get(15, TimeUnit.SECONDS);
        return client;
    }

    private static XmlElement forecast(String text) {
        return new XmlElement("forecast", NS).addText(text);
    }

    @Test
    void aSubscriberHearsPublicationsAndRetractionsOfANodeItsOwnerCreated(LocalProsody server) throws Exception {
        ClientXMPP owner = connected(server, server.createUser(Jid.of(LocalProsody.PUBSUB_ADMIN), "pw"));
        ClientXMPP subscriber = connected(server, Clients.newUser(server, LocalServer.DOMAIN, "pw"));
        try {
            BlockingQueue<Object> published = new LinkedBlockingQueue<>();
            BlockingQueue<Object> retracted = new LinkedBlockingQueue<>();
            subscriber.addEventHandler(PubSub.EVENT_PUBLISH, published::add);
            subscriber.addEventHandler(PubSub.EVENT_RETRACT, retracted::add);
            PubSub pubsub = owner.plugin(PubSub.class);
            String node = "weather-" + System.nanoTime();

            assertThat(pubsub.createNode(SERVICE, node, null).get(10, TimeUnit.SECONDS)).isEqualTo(node);
            Subscription subscription = subscriber.plugin(PubSub.class).subscribe(SERVICE, node, null)
                    .get(10, TimeUnit.SECONDS);
            assertThat(subscription.isSubscribed()).isTrue();

            String id = pubsub.publish(SERVICE, node, "today", forecast("sunny")).get(10, TimeUnit.SECONDS);
            assertThat(id).isEqualTo("today");
            Published p = (Published) published.poll(10, TimeUnit.SECONDS);
            assertThat(p).as("the subscriber's notification").isNotNull();
            assertThat(p.service()).isEqualTo(SERVICE);
            assertThat(p.node()).isEqualTo(node);
            assertThat(p.item().payload().text()).isEqualTo("sunny");

            List<PubSubItem> items = subscriber.plugin(PubSub.class).getItems(SERVICE, node, null)
                    .get(10, TimeUnit.SECONDS);
            assertThat(items).extracting(PubSubItem::id).containsExactly("today");

            pubsub.retract(SERVICE, node, "today", true).get(10, TimeUnit.SECONDS);
            Retracted r = (Retracted) retracted.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("the retraction's notification").isNotNull();
            assertThat(r.itemId()).isEqualTo("today");

            pubsub.deleteNode(SERVICE, node).get(10, TimeUnit.SECONDS);
        } finally {
            owner.disconnect().get(10, TimeUnit.SECONDS);
            subscriber.disconnect().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAccountPublishesOnItsOwnNodeAndReadsItBack(LocalProsody server) throws Exception {
        ClientXMPP bot = connected(server, Clients.newUser(server, LocalServer.DOMAIN, "pw"));
        try {
            PersonalEventing pep = bot.plugin(PersonalEventing.class);
            pep.publish(NS, "current", forecast("rain")).get(10, TimeUnit.SECONDS);
            List<PubSubItem> items = pep.getItems(null, NS, 1).get(10, TimeUnit.SECONDS);
            assertThat(items).hasSize(1);
            assertThat(items.get(0).payload().text()).isEqualTo("rain");
        } finally {
            bot.disconnect().get(10, TimeUnit.SECONDS);
        }
    }
}
