package org.xmppboot.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0004.FieldType;
import org.xmppboot.plugins.xep0030.DiscoInfo;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Identity;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** disco#info with XEP-0128 extended information, extra nodes, an info source and change listeners. */
class ServiceDiscoveryInfoTest {

    /** XEP-0128 Example 1's extended information. */
    private static final String SERVER_INFO = """
            <x xmlns='jabber:x:data' type='result'>
              <field var='FORM_TYPE' type='hidden'>
                <value>http://jabber.org/network/serverinfo</value>
              </field>
              <field var='c2s_port'>
                <value>5222</value>
              </field>
              <field var='c2s_port_ssl'>
                <value>5223</value>
              </field>
              <field var='http_access'>
                <value>http://shakespeare.lit/jabber</value>
              </field>
              <field var='ip_version'>
                <value>ipv4</value>
                <value>ipv6</value>
              </field>
              <field var='info_url'>
                <value>http://shakespeare.lit/support.php</value>
              </field>
            </x>""";

    private static Iq ask(StreamHarness h, String id, String node) throws InterruptedException {
        h.receive("<iq type='get' id='" + id + "' from='capulet.com'><query xmlns='" + ServiceDiscovery.INFO + "'"
                + (node == null ? "" : " node='" + node + "'") + "/></iq>");
        return new Iq(h.nextSent());
    }

    @Test
    void servesExtendedInformationAndLanguages() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            ServiceDiscovery disco = new ServiceDiscovery();
            disco.addIdentity("server", "im", "shakespeare.lit jabber server", "en");
            disco.setExtendedInfo(DataForm.SCHEMA.wrap(XmlElement.parse(SERVER_INFO)));
            h.xmpp.registerPlugin(disco);
            h.start();

            DiscoInfo info = DiscoInfo.parse(ask(h, "d1", null).getPayload());
            assertThat(info.identities()).containsExactly(new Identity("server", "im",
                    "shakespeare.lit jabber server", "en"));
            DataForm form = info.form("http://jabber.org/network/serverinfo");
            assertThat(form.field("ip_version").getValues()).containsExactly("ipv4", "ipv6");
            assertThat(form.field("c2s_port").getValue()).isEqualTo("5222");

            assertThat(ask(h, "d2", "unknown").getError().getCondition())
                    .isEqualTo(StanzaError.Condition.ITEM_NOT_FOUND);

            disco.addInfoNode(node -> node.equals("extra") ? disco.localInfo() : null);
            XmlElement extra = ask(h, "d3", "extra").getPayload();
            assertThat(extra.attribute("node")).isEqualTo("extra");
            assertThat(DiscoInfo.parse(extra).withNode(null)).isEqualTo(disco.localInfo());
        }
    }

    @Test
    void extendedInformationNeedsAFormType() {
        ServiceDiscovery disco = new ServiceDiscovery();
        DataForm untyped = DataForm.create(DataForm.Type.RESULT);
        untyped.addField("a", FieldType.TEXT_SINGLE);
        assertThatThrownBy(() -> disco.setExtendedInfo(untyped)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenersHearOfRealChangesOnly() {
        ServiceDiscovery disco = new ServiceDiscovery();
        AtomicInteger changes = new AtomicInteger();
        disco.addInfoListener(changes::incrementAndGet);
        disco.addFeature("urn:a");
        disco.addFeature("urn:a");
        disco.removeFeature("urn:b");
        assertThat(changes).hasValue(1);
        disco.addIdentity("client", "bot", null);
        DataForm form = DataForm.SCHEMA.wrap(XmlElement.parse(SERVER_INFO));
        disco.setExtendedInfo(form);
        disco.removeExtendedInfo("http://jabber.org/network/serverinfo");
        disco.removeExtendedInfo("http://jabber.org/network/serverinfo");
        assertThat(changes).hasValue(4);
    }

    @Test
    void readsTheirInformationAndAsksTheSourceFirst() throws Exception {
        try (StreamHarness h = new StreamHarness()) {
            ServiceDiscovery disco = new ServiceDiscovery();
            h.xmpp.registerPlugin(disco);
            h.start();
            Jid server = Jid.of("shakespeare.lit");

            CompletableFuture<DiscoInfo> asked = disco.info(server);
            Iq query = new Iq(h.nextSent());
            assertThat(query.getPayload().attribute("node")).isNull();
            h.receive("<iq type='result' id='" + query.getId() + "' from='shakespeare.lit'><query xmlns='"
                    + ServiceDiscovery.INFO + "'><identity category='server' type='im'/><identity type='x'/>"
                    + "<feature var='jabber:iq:register'/><feature/>" + SERVER_INFO + "</query></iq>");
            DiscoInfo info = asked.get(5, TimeUnit.SECONDS);
            assertThat(info.identities()).as("the one without category left out").hasSize(1);
            assertThat(info.features()).containsExactly("jabber:iq:register");
            assertThat(info.form("http://jabber.org/network/serverinfo")).isNotNull();

            DiscoInfo known = new DiscoInfo(null, info.identities(), java.util.List.of("urn:known"),
                    java.util.List.of());
            disco.setInfoSource(jid -> jid.equals(server) ? CompletableFuture.completedFuture(known) : null);
            assertThat(disco.supports(server, "urn:known").get(5, TimeUnit.SECONDS)).isTrue();
            Iq made = disco.getInfo(server, null).get(5, TimeUnit.SECONDS);
            assertThat(made.getIqType()).isEqualTo(Iq.Type.RESULT);
            assertThat(made.getFrom()).isEqualTo(server);
            assertThat(DiscoInfo.parse(made.getPayload())).isEqualTo(known);
            assertThat(h.peer.nextSent(java.time.Duration.ofMillis(200))).as("answered by the source").isNull();
        }
    }
}
