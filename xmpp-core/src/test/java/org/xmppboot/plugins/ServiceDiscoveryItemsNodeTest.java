package org.xmppboot.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Item;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** disco#items for nodes of this entity, answered per requester, and asking another entity about a node. */
class ServiceDiscoveryItemsNodeTest {

    private static Iq ask(StreamHarness h, String id, String from, String node) throws InterruptedException {
        h.receive("<iq type='get' id='" + id + "' from='" + from + "'><query xmlns='" + ServiceDiscovery.ITEMS
                + "' node='" + node + "'/></iq>");
        return new Iq(h.nextSent());
    }

    @Test
    void aNodeAnswersForTheRequesterAndUnknownNodesAreNotFound() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            ServiceDiscovery disco = new ServiceDiscovery();
            disco.addItemsNode((node, requester) -> !node.equals("music") ? null
                    : List.of(new Item(Jid.of("catalogue.example.com"), requester.local(), null)));
            h.xmpp.registerPlugin(disco);
            h.start();

            XmlElement query = ask(h, "i1", "romeo@example.com/r", "music").getPayload();
            assertThat(query.attribute("node")).isEqualTo("music");
            assertThat(query.elements("item", ServiceDiscovery.ITEMS))
                    .extracting(i -> i.attribute("jid") + " " + i.attribute("node"))
                    .containsExactly("catalogue.example.com romeo");

            Iq unknown = ask(h, "i2", "romeo@example.com/r", "films");
            assertThat(unknown.getError().getCondition()).isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);
        }
    }

    @Test
    void asksAnotherEntityAboutANode() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            ServiceDiscovery disco = new ServiceDiscovery();
            h.xmpp.registerPlugin(disco);
            h.start();

            CompletableFuture<List<Item>> items = disco.getItems(Jid.of("shakespeare.lit"), "music");
            Iq request = new Iq(h.nextSent());
            assertThat(request.getPayload().attribute("node")).isEqualTo("music");
            h.receive("<iq type='result' id='" + request.getId() + "' from='shakespeare.lit'><query xmlns='"
                    + ServiceDiscovery.ITEMS + "' node='music'><item jid='catalogue.shakespeare.lit' node='a'/>"
                    + "<item jid='not a jid@@'/></query></iq>");
            assertThat(items.get(5, TimeUnit.SECONDS)).containsExactly(
                    new Item(Jid.of("catalogue.shakespeare.lit"), "a", null));
        }
    }
}
