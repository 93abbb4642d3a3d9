package org.xmppboot.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.xmppboot.BaseXMPP;
import org.xmppboot.xml.XmlElement;

/** A BaseXMPP on an in-memory transport, with the peer's stream header already exchanged. */
public final class StreamHarness implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(5);
    public static final String PEER_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' from='example.com' id='s1' version='1.0'>";

    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    public final BaseXMPP xmpp;
    public final InMemoryTransport peer = new InMemoryTransport();

    public StreamHarness() {
        this(StreamConfig.defaults().withName("test"));
    }

    public StreamHarness(StreamConfig config) {
        this(new BaseXMPP("jabber:client", config));
    }

    public StreamHarness(BaseXMPP xmpp) {
        this.xmpp = xmpp;
    }

    /** Connects and exchanges headers. */
    public StreamHarness start() throws InterruptedException {
        xmpp.connect(peer);
        InMemoryTransport.SentEvent header = peer.nextSentEvent(WAIT);
        assertThat(header).isInstanceOf(InMemoryTransport.Header.class);
        peer.receive(PEER_HEADER);
        // The stream is fully open once the read thread has parsed the peer's header.
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> xmpp.peerHeader() != null);
        return this;
    }

    public void receive(String xml) {
        peer.receive(xml);
    }

    /** Asks for our service discovery information, as a peer would, and returns the features we announce. */
    public List<String> discoFeatures() throws InterruptedException {
        peer.receive("<iq type='get' id='disco-features' from='a@example.com/r'><query xmlns='" + DISCO_INFO
                + "'/></iq>");
        XmlElement answer = nextSent();
        assertThat(answer.attribute("id")).isEqualTo("disco-features");
        XmlElement query = answer.element("query", DISCO_INFO);
        assertThat(query).as("a disco#info answer: %s", answer).isNotNull();
        return query.elements("feature", DISCO_INFO).stream().map(f -> f.attribute("var")).toList();
    }

    public XmlElement nextSent() throws InterruptedException {
        XmlElement sent = peer.nextSent(WAIT);
        assertThat(sent).as("an element sent within %s", WAIT).isNotNull();
        return sent;
    }

    @Override
    public void close() throws Exception {
        xmpp.disconnect();
        peer.receive("</stream:stream>");
        xmpp.terminated().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
