package org.xmppboot.plugins.xep0334;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.StreamHarness;
import org.xmppboot.xml.XmlElement;

/** XEP-0334 §4's hints on a message. */
class HintTest {

    /** XEP-0334 Example 2: a message that should not be stored. */
    static final String NO_STORE = "<message xmlns='jabber:client' from='romeo@montague.lit/laptop' "
            + "to='juliet@capulet.lit/laptop'><body>V unir avtug'f pybnx gb uvqr zr sebz gurve fvtug</body>"
            + "<no-store xmlns='urn:xmpp:hints'/></message>";

    @Test
    void readsTheHintsOfAReceivedMessage() {
        Message message = new Message(XmlElement.parse(NO_STORE));

        assertThat(message.hasHint(Hint.NO_STORE)).isTrue();
        assertThat(message.hasHint(Hint.STORE)).isFalse();
        assertThat(message.getHints()).containsExactly(Hint.NO_STORE);
        assertThat(message.get("no-store")).as("reachable by name").isInstanceOfSatisfying(Hint.Element.class,
                e -> assertThat(e.hint()).isEqualTo(Hint.NO_STORE));
        assertThat(message.get("no-copy")).isNull();
        assertThat(message.match("message/no-store")).isTrue();
    }

    @Test
    void addsEachHintOnceAndRemovesIt() {
        Message message = new Message(new XmlElement("message", "jabber:client"));

        message.addHint(Hint.NO_PERMANENT_STORE).addHint(Hint.NO_COPY).addHint(Hint.NO_COPY);

        assertThat(message.xml().elements("no-copy", Hint.NAMESPACE)).hasSize(1);
        assertThat(message.xml().element("no-permanent-store", Hint.NAMESPACE)).isNotNull();
        assertThat(message.getHints()).containsExactlyInAnyOrder(Hint.NO_PERMANENT_STORE, Hint.NO_COPY);
        message.removeHint(Hint.NO_COPY);
        assertThat(message.getHints()).containsExactly(Hint.NO_PERMANENT_STORE);
    }

    @Test
    void thePluginLoadsByName() throws Exception {
        try (StreamHarness h = new StreamHarness().start()) {
            h.xmpp.registerPlugin(MessageHints.NAME);
            assertThat(h.xmpp.plugin(MessageHints.class)).isNotNull();
        }
    }

    @Test
    void unknownElementsInTheNamespaceAreNotHints() {
        Message message = new Message(XmlElement.parse("<message xmlns='jabber:client'>"
                + "<no-everything xmlns='urn:xmpp:hints'/><store xmlns='urn:example'/></message>"));

        assertThat(message.getHints()).isEmpty();
        assertThat(Hint.fromElementName("no-everything")).isNull();
    }
}
