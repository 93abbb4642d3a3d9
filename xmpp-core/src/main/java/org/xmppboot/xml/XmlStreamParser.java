package org.xmppboot.xml;

import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;

import org.codehaus.stax2.XMLInputFactory2;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of an XML stream, in chunks of any size, into a stream header, one {@link XmlElement} per
 * complete depth-1 element, and a stream end. Built on aalto-xml's non-blocking reader, so chunk boundaries
 * (even inside a multi-byte UTF-8 character) never change the result.
 *
 * <p>The bytes must be well-formed UTF-8 (RFC 6120 §11.6), checked before aalto sees them ({@link Utf8Check}):
 * anything else ends the stream with {@code not-well-formed}.
 *
 * <p>RFC 6120 §11.1 restricted XML is enforced: a DTD, comment, processing instruction or entity reference
 * other than the five predefined ones ends the stream with {@code restricted-xml}; nothing is ever expanded
 * or fetched. Size, depth and attribute limits ({@link XmlLimits}) bound what a peer can make us hold: the
 * parser counts the bytes fed for the unit being read (the stream header, a stanza, or the whitespace between
 * two stanzas) and checks them after every chunk, so memory stays bounded by the limit plus one chunk even
 * while aalto is still buffering a never-ending token. The tree is built with an explicit stack, never by
 * recursion.
 *
 * <p>Positions come from our own count of the bytes fed, never from aalto's byte offsets alone: aalto 1.4
 * reports an offset as the bytes of earlier chunks plus the <em>array index</em> in the current one, so
 * every chunk fed at a non-zero array offset shifts the offsets by that offset. Where an event ended is
 * therefore taken relative to the offset aalto reports for the first byte of the chunk it is reading
 * ({@code chunkBase}), which is right whatever aalto adds.
 *
 * <p>Not thread-safe: one read thread feeds it.
 */
public final class XmlStreamParser {

    /** Receives what the parser finds, on the thread that calls {@link #feed}. */
    public interface Listener {

        /** The stream root's start tag: its attributes and the default namespace it declares. */
        void streamStart(XmlElement header, String defaultNamespace) throws XmlStreamException;

        /** A complete depth-1 element (a stanza, stream features, a SASL element, ...). */
        void element(XmlElement element) throws XmlStreamException;

        /** The stream root's end tag. */
        void streamEnd() throws XmlStreamException;
    }

    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

    private static final AsyncXMLInputFactory FACTORY = createFactory();
    private static final int PROLOG_KEPT = 4096;

    private final XmlLimits limits;
    private final Listener listener;
    private final Utf8Check utf8 = new Utf8Check();

    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
    /** Bytes fed to the current reader before the current chunk. */
    private long chunkStart;
    /** The byte offset aalto reports for the first byte of the current chunk; see the class comment. */
    private long chunkBase;
    /** Bytes fed to the current reader, in total. */
    private long fed;
    /** Where the unit being read (header, stanza, or the gap between them) began, in bytes fed to the reader. */
    private long unitStart;
    private int depth;
    /** Open elements below the root: stack[1] is the depth-2 element being built. */
    private XmlElement[] stack = new XmlElement[16];
    private @Nullable String pendingText;
    private @Nullable StringBuilder pendingTextBuilder;
    private boolean resetRequested;
    private boolean discardRest;
    private boolean ended;
    /** The bytes before the stream root, kept (bounded) to tell a refused DTD from other prolog errors. */
    private final StringBuilder prolog = new StringBuilder();

    public XmlStreamParser(XmlLimits limits, Listener listener) {
        this.limits = limits;
        this.listener = listener;
        this.reader = FACTORY.createAsyncForByteArray();
    }

    private static AsyncXMLInputFactory createFactory() {
        InputFactoryImpl factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Report entity references as events so that we can refuse them instead of resolving anything.
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // Text is read in full by the event that reports it (we read all of it anyway), so that asking where
        // an event ended never makes aalto finish a token behind our back; see position().
        factory.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
        return factory;
    }

    /**
     * Feeds the next bytes of the stream; the listener is called for everything they complete. The array may
     * be reused once this returns.
     *
     * @throws XmlStreamException the stream must end with the stream error it names
     */
    public void feed(byte[] bytes, int offset, int length) throws XmlStreamException {
        if (ended) {
            throw new XmlStreamException("not-well-formed", "Data after the end of the stream");
        }
        int position = offset;
        int end = offset + length;
        // What aalto is given stops before the first byte that breaks UTF-8 (see Utf8Check); the error comes after
        // what precedes it has been parsed, unless that was dropped with the rest of a layer.
        int invalid = utf8.firstInvalid(bytes, offset, end);
        int limit = invalid < 0 ? end : invalid;
        boolean dropped = false;
        while (position < limit) {
            chunkStart = fed;
            int n = limit - position;
            if (depth == 0 && !ended && prolog.length() < PROLOG_KEPT) {
                for (int i = position; i < limit && prolog.length() < PROLOG_KEPT; i++) {
                    prolog.append((char) (bytes[i] & 0xFF));
                }
            }
            try {
                reader.getInputFeeder().feedInput(bytes, position, n);
                // Nothing of the chunk is read yet: this is where aalto says it starts (see the class comment).
                chunkBase = reader.getLocationInfo().getEndingByteOffset();
            } catch (XMLStreamException e) {
                throw notWellFormed(e);
            }
            fed += n;
            int consumed;
            try {
                consumed = drain();
            } catch (ListenerFailure e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                // aalto reports some decoding errors (bad UTF-8 inside text) unchecked, when text is read.
                throw notWellFormed(e);
            }
            if (consumed < 0) {
                position = limit;
            } else {
                // A reset was requested after an element: what follows it belongs to a new document (RFC 6120
                // §4.3.3), even within this chunk, so it is fed again, from the byte after the element, to a
                // new reader; unless it came before a new layer (TLS) and must be dropped.
                if (discardRest) {
                    dropped = true;
                    position = limit;
                    utf8.reset();
                } else {
                    position += consumed;
                }
                restart();
            }
        }
        if (invalid >= 0 && !dropped) {
            throw new XmlStreamException("not-well-formed",
                    String.format("Invalid UTF-8: byte 0x%02X (RFC 3629)", bytes[invalid] & 0xFF));
        }
    }

    /**
     * Asks the parser to start a new document right after the element being delivered (RFC 6120 §4.3.3 stream
     * restart after STARTTLS or SASL). Only valid from inside {@link Listener#element}.
     */
    public void requestReset() {
        resetRequested = true;
    }

    /**
     * Like {@link #requestReset()}, but the rest of the chunk is dropped instead of parsed: after STARTTLS the
     * new stream must come over TLS, and bytes that arrived in the clear with {@code <proceed/>} could be a man
     * in the middle's forged header and features (RFC 6120 §5.4.3.3).
     */
    public void requestResetDiscardingRest() {
        resetRequested = true;
        discardRest = true;
    }

    /** Forgets everything parsed so far; the next bytes start a new document. */
    public void reset() {
        utf8.reset();
        restart();
    }

    /** Whether the stream root is open: between the stream header and the stream end. */
    public boolean isInStream() {
        return depth >= 1;
    }

    private void restart() {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // nothing to release
        }
        reader = FACTORY.createAsyncForByteArray();
        fed = 0;
        chunkStart = 0;
        chunkBase = 0;
        unitStart = 0;
        depth = 0;
        java.util.Arrays.fill(stack, null);
        pendingText = null;
        pendingTextBuilder = null;
        resetRequested = false;
        discardRest = false;
        ended = false;
        prolog.setLength(0);
    }

    /**
     * Processes events until the reader needs more input. Returns -1 when the chunk is consumed, or, when a
     * reset was requested, how many bytes of the chunk the element that asked for it used.
     */
    private int drain() throws XmlStreamException {
        try {
            while (true) {
                int event = reader.next();
                switch (event) {
                    case AsyncXMLStreamReader.EVENT_INCOMPLETE -> {
                        checkUnitSize(fed);
                        return -1;
                    }
                    case XMLStreamConstants.START_DOCUMENT -> checkEncoding();
                    case XMLStreamConstants.START_ELEMENT -> startElement();
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (endElement()) {
                            return (int) (unitStart - chunkStart);
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            text();
                    case XMLStreamConstants.COMMENT -> throw restricted("a comment");
                    case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw restricted("a processing instruction");
                    case XMLStreamConstants.DTD -> throw restricted("a document type declaration");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw restricted("the entity reference &" + reader.getLocalName() + ";");
                    case XMLStreamConstants.END_DOCUMENT -> {
                        return -1;
                    }
                    default -> throw new XmlStreamException("bad-format", "Unexpected XML event " + event);
                }
            }
        } catch (XMLStreamException e) {
            throw notWellFormed(e);
        }
    }

    private void checkEncoding() throws XmlStreamException {
        String declared = reader.getCharacterEncodingScheme();
        if (declared != null && !declared.equalsIgnoreCase("UTF-8")) {
            // RFC 6120 §11.6: UTF-8 is the only encoding.
            throw new XmlStreamException("unsupported-encoding", "The stream declares encoding " + declared);
        }
    }

    private void startElement() throws XmlStreamException, XMLStreamException {
        depth++;
        if (depth > limits.maxDepth()) {
            throw new XmlStreamException("policy-violation",
                    "Elements nested deeper than " + limits.maxDepth() + " levels");
        }
        int attributeCount = reader.getAttributeCount();
        // aalto keeps namespace declarations apart from attributes, but each costs as much to hold.
        if (attributeCount + reader.getNamespaceCount() > limits.maxAttributes()) {
            throw new XmlStreamException("policy-violation", "An element with more than "
                    + limits.maxAttributes() + " attributes and namespace declarations");
        }
        String[] attributes = new String[attributeCount * 2];
        for (int i = 0; i < attributeCount; i++) {
            String ns = reader.getAttributeNamespace(i);
            String local = reader.getAttributeLocalName(i);
            if (ns == null || ns.isEmpty()) {
                attributes[2 * i] = local;
            } else if (XML_NAMESPACE.equals(ns)) {
                attributes[2 * i] = "xml:" + local;
            } else {
                attributes[2 * i] = "{" + ns + "}" + local;
            }
            attributes[2 * i + 1] = reader.getAttributeValue(i);
        }
        XmlElement element = new XmlElement(reader.getLocalName(), orEmpty(reader.getNamespaceURI()), attributes);
        if (depth == 1) {
            String defaultNamespace = "";
            for (int i = 0, n = reader.getNamespaceCount(); i < n; i++) {
                String prefix = reader.getNamespacePrefix(i);
                if (prefix == null || prefix.isEmpty()) {
                    defaultNamespace = orEmpty(reader.getNamespaceURI(i));
                }
            }
            // The header is a unit of its own (with the prolog before it); the next one starts after it.
            long end = position();
            checkUnitSize(end);
            unitStart = end;
            try {
                listener.streamStart(element, defaultNamespace);
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
            return;
        }
        if (depth > 2) {
            flushText(stack[depth - 2]);
            stack[depth - 2].addChild(element);
        }
        if (depth - 1 == stack.length) {
            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
        }
        stack[depth - 1] = element;
    }

    /** Returns true if the element just completed asked for a reset. */
    private boolean endElement() throws XmlStreamException, XMLStreamException {
        depth--;
        if (depth == 0) {
            ended = true;
            try {
                listener.streamEnd();
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
            return false;
        }
        XmlElement element = stack[depth];
        stack[depth] = null;
        flushText(element);
        if (depth > 1) {
            return false;
        }
        long end = position();
        checkUnitSize(end);
        // The next unit starts right after this element; drain() also uses it to know where a reset starts.
        unitStart = end;
        try {
            listener.element(element);
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
        return resetRequested;
    }

    private void text() throws XmlStreamException, XMLStreamException {
        if (depth < 2) {
            // Between stanzas only whitespace (keepalives) is allowed; RFC 6120 §4.3.5 gives the stream no text.
            if (!reader.isWhiteSpace()) {
                throw new XmlStreamException("bad-format", "Text outside of any stanza");
            }
            // Whitespace is dropped, so it is a unit of its own: the next stanza starts after it.
            long end = position();
            checkUnitSize(end);
            unitStart = end;
            return;
        }
        String text = reader.getText();
        if (pendingText == null) {
            pendingText = text;
        } else {
            if (pendingTextBuilder == null) {
                pendingTextBuilder = new StringBuilder(pendingText);
            }
            pendingTextBuilder.append(text);
        }
    }

    private void flushText(XmlElement element) {
        if (pendingText != null) {
            element.addText(pendingTextBuilder != null ? pendingTextBuilder.toString() : pendingText);
            pendingText = null;
            pendingTextBuilder = null;
        }
    }

    /**
     * Where the current event ended, in bytes fed to the reader: its distance from the start of the chunk as
     * aalto sees it, plus the bytes of earlier chunks as we counted them. The event ended in this chunk, since
     * aalto reports an event as soon as its last byte is read. With lazy parsing off no token is left
     * unfinished, so asking aalto for the offset changes nothing.
     */
    private long position() throws XMLStreamException {
        return chunkStart + (reader.getLocationInfo().getEndingByteOffset() - chunkBase);
    }

    private void checkUnitSize(long position) throws XmlStreamException {
        if (position - unitStart > limits.maxStanzaBytes()) {
            throw new XmlStreamException("policy-violation",
                    "A stanza larger than " + limits.maxStanzaBytes() + " bytes");
        }
    }

    /** Carries a listener's exception past the handler for aalto's unchecked errors. */
    private static final class ListenerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenerFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private static XmlStreamException restricted(String what) {
        return new XmlStreamException("restricted-xml", "The stream contains " + what
                + ", which XMPP does not allow (RFC 6120 §11.1)");
    }

    private XmlStreamException notWellFormed(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (depth == 0 && prolog.indexOf("<!DOCTYPE") >= 0) {
            // aalto's non-blocking reader rejects internal subsets as syntax errors; to the peer it is a DTD.
            return restricted("a document type declaration");
        }
        if (message.contains("Unbound namespace prefix") || message.contains("unbound namespace prefix")) {
            return new XmlStreamException("bad-namespace-prefix", message, e);
        }
        return new XmlStreamException("not-well-formed", message, e);
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** Parses a standalone element from text, with default limits. */
    static XmlElement parseElement(String xml) {
        XmlElement[] result = new XmlElement[1];
        XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULTS, new Listener() {
            @Override
            public void streamStart(XmlElement header, String defaultNamespace) {
            }

            @Override
            public void element(XmlElement element) {
                result[0] = element;
            }

            @Override
            public void streamEnd() {
            }
        });
        // Wrap it so the element arrives at depth 1 like a stanza.
        byte[] bytes = ("<wrapper>" + xml + "</wrapper>").getBytes(StandardCharsets.UTF_8);
        try {
            parser.feed(bytes, 0, bytes.length);
        } catch (XmlStreamException e) {
            throw new IllegalArgumentException("Not a well-formed XML element: " + e.getMessage(), e);
        }
        if (result[0] == null) {
            throw new IllegalArgumentException("No element in: " + xml);
        }
        return result[0];
    }
}
