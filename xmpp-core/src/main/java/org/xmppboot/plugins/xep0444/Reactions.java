package org.xmppboot.plugins.xep0444;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <reactions xmlns='urn:xmpp:reactions:0' id='..'><reaction>👋</reaction>...</reactions>} (XEP-0444 §4):
 * all the reactions of one sender to the message {@code id}; an empty element takes them all back. Reached on a
 * message as {@code reactions}.
 */
public final class Reactions extends ElementBase {

    public static final Schema<Reactions> SCHEMA =
            Schema.builder("reactions", MessageReactions.NAMESPACE, Reactions::new)
                    .attribute("id")
                    .custom("values", Reactions::getValues, (r, v) -> r.setValues(asStrings(v)),
                            r -> r.setValues(List.of()))
                    .build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public Reactions(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<Reactions> schema() {
        return SCHEMA;
    }

    /** The id of the message reacted to; null (malformed) if missing or empty. */
    public @Nullable String getId() {
        String id = xml.attribute("id");
        return id == null || id.isEmpty() ? null : id;
    }

    /** The texts of the {@code <reaction/>} elements, as sent: unchecked, duplicates kept. */
    public List<String> getValues() {
        List<String> values = new ArrayList<>();
        for (XmlElement reaction : xml.elements("reaction", MessageReactions.NAMESPACE)) {
            values.add(reaction.text());
        }
        return values;
    }

    /**
     * The reactions as §5 says to read them: each once, in order, and only those that are one emoji (a
     * receiving entity may ignore the others).
     */
    public Set<String> getEmojis() {
        Set<String> emojis = new LinkedHashSet<>();
        for (String value : getValues()) {
            if (Emojis.isEmoji(value)) {
                emojis.add(value);
            }
        }
        return emojis;
    }

    /** Replaces the {@code <reaction/>} elements with these, each once. */
    public Reactions setValues(Collection<String> values) {
        xml.removeElements("reaction", MessageReactions.NAMESPACE);
        for (String value : new LinkedHashSet<>(values)) {
            xml.addElement("reaction", MessageReactions.NAMESPACE).setText(value);
        }
        return this;
    }

    /** Makes a message carry these reactions to message {@code id} (replacing any reactions it carried). */
    public static Reactions set(Message message, String id, Collection<String> emojis) {
        message.removeExtension(SCHEMA);
        Reactions reactions = message.enableExtension(SCHEMA);
        reactions.xml.setAttribute("id", id);
        return reactions.setValues(emojis);
    }

    private static List<String> asStrings(@Nullable Object value) {
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(v -> values.add(String.valueOf(v)));
        } else if (value != null) {
            values.add(value.toString());
        }
        return values;
    }
}
