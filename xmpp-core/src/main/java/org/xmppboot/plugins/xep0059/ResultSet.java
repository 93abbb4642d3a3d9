package org.xmppboot.plugins.xep0059;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <set xmlns='http://jabber.org/protocol/rsm'/>} (XEP-0059 §2): in a request, the page wanted
 * ({@code max}, and {@code after}, {@code before} or {@code index}); in a response, the page returned
 * ({@code first} with its {@code index}, {@code last}, {@code count}). Protocols that page register this schema
 * on their own elements, where it is reached by the name {@code rsm}.
 *
 * <p>Numbers that are absent or not non-negative integers read as null: a malformed response never throws.
 */
public final class ResultSet extends ElementBase {

    public static final String NAMESPACE = "http://jabber.org/protocol/rsm";

    public static final Schema<ResultSet> SCHEMA = Schema.builder("set", NAMESPACE, ResultSet::new)
            .extensionName("rsm")
            .childText("max").childText("after").childText("before").childText("index")
            .childText("first").childText("last").childText("count")
            .build();

    public ResultSet(XmlElement xml) {
        super(xml);
    }

    public static ResultSet create() {
        return new ResultSet(new XmlElement("set", NAMESPACE));
    }

    @Override
    public Schema<ResultSet> schema() {
        return SCHEMA;
    }

    /** The most items wanted in the page (§2.1), or null. */
    public @Nullable Integer getMax() {
        return number("max");
    }

    /** At most this many items; 0 asks only for the count (§2.7); null removes the limit. */
    public ResultSet setMax(@Nullable Integer max) {
        return setNumber("max", max);
    }

    /** The page after the item with this id (§2.2), or null. */
    public @Nullable String getAfter() {
        return text("after");
    }

    public ResultSet setAfter(@Nullable String after) {
        setChildText("after", NAMESPACE, after);
        return this;
    }

    /**
     * The page before the item with this id (§2.3); the empty string is the empty {@code <before/>}, which asks
     * for the last page (§2.5). Null when absent.
     */
    public @Nullable String getBefore() {
        XmlElement before = xml.element("before", NAMESPACE);
        return before == null ? null : before.text();
    }

    /** Asks for the page before this id; "" asks for the last page (§2.5); null removes it. */
    public ResultSet setBefore(@Nullable String before) {
        xml.removeElements("before", NAMESPACE);
        if (before != null) {
            XmlElement element = xml.addElement("before", NAMESPACE);
            if (!before.isEmpty()) {
                element.setText(before);
            }
        }
        return this;
    }

    /** Whether this asks for the last page: an empty {@code <before/>} (§2.5). */
    public boolean isLastPageRequested() {
        String before = getBefore();
        return before != null && before.isEmpty();
    }

    /** The index of the first item wanted, out of order (§2.6), or null. */
    public @Nullable Integer getIndex() {
        return number("index");
    }

    public ResultSet setIndex(@Nullable Integer index) {
        return setNumber("index", index);
    }

    /** The id of the first item in the returned page, or null. */
    public @Nullable String getFirst() {
        return text("first");
    }

    /** The position of the first item of the page in the whole set (the {@code index} of {@code <first/>}). */
    public @Nullable Integer getFirstIndex() {
        XmlElement first = xml.element("first", NAMESPACE);
        return first == null ? null : parse(first.attribute("index"));
    }

    /** Sets the first item's id and, if not null, its index in the whole set; a null id removes it. */
    public ResultSet setFirst(@Nullable String first, @Nullable Integer index) {
        setChildText("first", NAMESPACE, first);
        XmlElement element = xml.element("first", NAMESPACE);
        if (element != null) {
            element.setAttribute("index", index == null ? null : index.toString());
        }
        return this;
    }

    /** The id of the last item in the returned page, or null. */
    public @Nullable String getLast() {
        return text("last");
    }

    public ResultSet setLast(@Nullable String last) {
        setChildText("last", NAMESPACE, last);
        return this;
    }

    /** How many items the whole set holds (§2.1: the responder may leave it out), or null. */
    public @Nullable Integer getCount() {
        return number("count");
    }

    public ResultSet setCount(@Nullable Integer count) {
        return setNumber("count", count);
    }

    private @Nullable String text(String name) {
        String text = xml.childText(name, NAMESPACE);
        return text == null || text.isEmpty() ? null : text;
    }

    private @Nullable Integer number(String name) {
        return parse(xml.childText(name, NAMESPACE));
    }

    private ResultSet setNumber(String name, @Nullable Integer value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        setChildText(name, NAMESPACE, value == null ? null : value.toString());
        return this;
    }

    private static @Nullable Integer parse(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.trim());
            return number < 0 ? null : number;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
