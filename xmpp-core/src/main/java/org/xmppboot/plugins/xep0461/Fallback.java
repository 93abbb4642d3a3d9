package org.xmppboot.plugins.xep0461;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <fallback xmlns='urn:xmpp:fallback:0' for='..'><body start='..' end='..'/></fallback>} (XEP-0428): marks
 * the part of the body that is only there for clients that do not understand the extension named by {@code for}
 * (such as the quote of a reply). Positions count Unicode code points; a {@code <body/>} without them marks the
 * whole body. Reached on a message as {@code fallback} (the first one).
 */
public final class Fallback extends ElementBase {

    public static final String NAMESPACE = "urn:xmpp:fallback:0";

    public static final Schema<Fallback> SCHEMA = Schema.builder("fallback", NAMESPACE, Fallback::new)
            .attribute("for").build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    /**
     * A part of the body, in code points; both null for the whole body.
     *
     * @param start the first code point, inclusive
     * @param end the code point after the last
     */
    public record Range(@Nullable Integer start, @Nullable Integer end) {

        /** Whether it marks the whole body. */
        public boolean isWhole() {
            return start == null && end == null;
        }
    }

    public Fallback(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Fallback> schema() {
        return SCHEMA;
    }

    /** The namespace of the extension this is the fallback for, or null. */
    public @Nullable String getFor() {
        return xml.attribute("for");
    }

    /**
     * The parts of the body marked; a {@code <body/>} with a position that is not a number, or with only one of
     * the two, is malformed and left out.
     */
    public List<Range> bodyRanges() {
        List<Range> ranges = new ArrayList<>();
        for (XmlElement body : xml.elements("body", NAMESPACE)) {
            String start = body.attribute("start");
            String end = body.attribute("end");
            if (start == null && end == null) {
                ranges.add(new Range(null, null));
            } else if (start != null && end != null) {
                try {
                    ranges.add(new Range(Integer.parseInt(start.trim()), Integer.parseInt(end.trim())));
                } catch (NumberFormatException malformed) {
                    // left out, as documented
                }
            }
        }
        return ranges;
    }

    /** The fallbacks of a message for extension {@code namespace}. */
    public static List<Fallback> of(Message message, String namespace) {
        List<Fallback> fallbacks = new ArrayList<>();
        for (XmlElement element : message.xml().elements("fallback", NAMESPACE)) {
            if (namespace.equals(element.attribute("for"))) {
                fallbacks.add(new Fallback(element));
            }
        }
        return fallbacks;
    }

    /** Adds to a message a fallback for {@code namespace} marking code points [start, end) of the body. */
    public static Fallback add(Message message, String namespace, int start, int end) {
        XmlElement fallback = new XmlElement("fallback", NAMESPACE).setAttribute("for", namespace);
        fallback.addElement("body", NAMESPACE).setAttribute("start", Integer.toString(start))
                .setAttribute("end", Integer.toString(end));
        message.xml().addChild(fallback);
        return new Fallback(fallback);
    }
}
