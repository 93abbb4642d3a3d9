package org.xmppboot.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlLimits;
import org.xmppboot.xml.XmlStreamException;
import org.xmppboot.xml.XmlStreamParser;

/**
 * The fake server's view of what the client writes during negotiation: its stream headers and elements, parsed as
 * they arrive. A stream restart (after {@code <success/>}, over TLS) starts a new reader or a new document.
 */
final class ClientReader implements XmlStreamParser.Listener {

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, this);
    private final ArrayDeque<XmlElement> received = new ArrayDeque<>();

    ClientReader(InputStream in) {
        this.in = in;
    }

    /** The client restarts the stream: what it writes next is a new document. */
    void restart() {
        parser = new XmlStreamParser(XmlLimits.DEFAULTS, this);
    }

    /** Reads up to the client's stream header. */
    XmlElement header() throws IOException {
        XmlElement header = next();
        if (!header.name().equals("stream")) {
            throw new IOException("Expected the client's stream header, got " + header.toXml());
        }
        return header;
    }

    /** Reads up to the client's next element, which must be named {@code name}. */
    XmlElement element(String name) throws IOException {
        XmlElement element = next();
        if (!element.name().equals(name)) {
            throw new IOException("Expected <" + name + "/> from the client, got " + element.toXml());
        }
        return element;
    }

    private XmlElement next() throws IOException {
        while (received.isEmpty()) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("The client closed the connection during negotiation");
            }
            try {
                parser.feed(buffer, 0, n);
            } catch (XmlStreamException e) {
                throw new IOException("The client wrote XML that is not well-formed: " + e.getMessage(), e);
            }
        }
        return received.poll();
    }

    @Override
    public void streamStart(XmlElement header, String defaultNamespace) {
        received.add(header);
    }

    @Override
    public void element(XmlElement element) {
        received.add(element);
    }

    @Override
    public void streamEnd() {
        received.add(new XmlElement("end-of-stream", ""));
    }
}
