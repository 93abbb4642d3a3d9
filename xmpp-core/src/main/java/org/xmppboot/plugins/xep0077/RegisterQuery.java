package org.xmppboot.plugins.xep0077;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * The {@code <query xmlns='jabber:iq:register'/>} of registration requests and answers (XEP-0077 §3): plain
 * fields such as {@code <username/>} and {@code <password/>}, {@code <instructions/>}, the {@code <registered/>}
 * and {@code <remove/>} flags, and optionally a data form ({@code jabber:x:data}). Reachable as
 * {@code iq.get("register")}.
 */
public final class RegisterQuery extends ElementBase {

    public static final String DATA_FORMS = "jabber:x:data";

    /** Children that are not fields (XEP-0077 §14.1 schema). */
    private static final Set<String> NOT_FIELDS = Set.of("instructions", "registered", "remove", "key");

    public static final Schema<RegisterQuery> SCHEMA = Schema.builder("query", InBandRegistration.NAMESPACE,
                    RegisterQuery::new)
            .extensionName("register")
            .childText("username").childText("password").childText("email").childText("instructions")
            .flag("registered", InBandRegistration.NAMESPACE).flag("remove", InBandRegistration.NAMESPACE)
            .build();

    static {
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    public RegisterQuery(XmlElement xml) {
        super(xml);
    }

    /** A new, empty query. */
    public static RegisterQuery create() {
        return SCHEMA.create(InBandRegistration.NAMESPACE);
    }

    @Override
    public Schema<RegisterQuery> schema() {
        return SCHEMA;
    }

    public @Nullable String getInstructions() {
        String text = xml.childText("instructions", InBandRegistration.NAMESPACE);
        return text == null ? null : text.trim();
    }

    /** Whether the account is registered already (the answer to a get from a logged-in account, §3.1). */
    public boolean isRegistered() {
        return xml.element("registered", InBandRegistration.NAMESPACE) != null;
    }

    public boolean isRemove() {
        return xml.element("remove", InBandRegistration.NAMESPACE) != null;
    }

    /** The plain fields, in order: every child in the namespace but instructions and flags. */
    public List<XmlElement> fieldElements() {
        List<XmlElement> fields = new ArrayList<>();
        for (XmlElement child : xml.elements()) {
            if (child.namespace().equals(InBandRegistration.NAMESPACE) && !NOT_FIELDS.contains(child.name())) {
                fields.add(child);
            }
        }
        return fields;
    }

    /** The data form the server sent instead of, or with, plain fields (XEP-0077 §4), or null. */
    public @Nullable XmlElement getDataForm() {
        return xml.element("x", DATA_FORMS);
    }

    /** Sets a plain field ({@code <username>bill</username>}). */
    public RegisterQuery setField(String name, String value) {
        setChildText(name, InBandRegistration.NAMESPACE, value);
        return this;
    }
}
