package org.xmppboot.plugins.xep0030;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Identity;
import org.xmppboot.xml.XmlElement;

/**
 * What a {@code disco#info} query says of an entity (XEP-0030 §3): its identities, its features and, as
 * XEP-0128 extends it, data forms of further information. Lists keep what was received as received, duplicates
 * included, so that a check such as XEP-0115's can reject them.
 *
 * @param node the node the information is about, or null for the entity itself
 * @param forms the XEP-0128 extended information forms
 */
public record DiscoInfo(@Nullable String node, List<Identity> identities, List<String> features,
        List<DataForm> forms) {

    public DiscoInfo {
        identities = List.copyOf(identities);
        features = List.copyOf(features);
        forms = List.copyOf(forms);
    }

    /**
     * Reads a {@code <query xmlns='http://jabber.org/protocol/disco#info'/>}. Identities without category or
     * type and features without {@code var}, which XEP-0030 requires, are left out rather than failing the
     * whole answer.
     */
    public static DiscoInfo parse(XmlElement query) {
        List<Identity> identities = new ArrayList<>();
        for (XmlElement e : query.elements("identity", ServiceDiscovery.INFO)) {
            String category = e.attribute("category");
            String type = e.attribute("type");
            if (category != null && type != null) {
                identities.add(new Identity(category, type, e.attribute("name"), e.attribute("xml:lang")));
            }
        }
        List<String> features = new ArrayList<>();
        for (XmlElement e : query.elements("feature", ServiceDiscovery.INFO)) {
            String var = e.attribute("var");
            if (var != null) {
                features.add(var);
            }
        }
        List<DataForm> forms = new ArrayList<>();
        for (XmlElement e : query.elements("x", DataForm.NAMESPACE)) {
            forms.add(DataForm.SCHEMA.wrap(e.copy()));
        }
        return new DiscoInfo(query.attribute("node"), identities, features, forms);
    }

    /** The {@code <query/>} that says this (with {@link #node}, when there is one). */
    public XmlElement toQuery() {
        XmlElement query = new XmlElement("query", ServiceDiscovery.INFO);
        query.setAttribute("node", node);
        for (Identity identity : identities) {
            query.addElement("identity").setAttribute("category", identity.category())
                    .setAttribute("type", identity.type())
                    .setAttribute("name", identity.name())
                    .setAttribute("xml:lang", identity.lang());
        }
        for (String feature : features) {
            query.addElement("feature").setAttribute("var", feature);
        }
        for (DataForm form : forms) {
            query.addChild(form.xml().copy());
        }
        return query;
    }

    /** The same information about another node (XEP-0115 §6.2 answers a caps node with the entity's own). */
    public DiscoInfo withNode(@Nullable String otherNode) {
        return new DiscoInfo(otherNode, identities, features, forms);
    }

    public boolean hasFeature(String feature) {
        return features.contains(feature);
    }

    /** Whether the entity has an identity of this category and type. */
    public boolean hasIdentity(String category, String type) {
        return identities.stream().anyMatch(i -> i.category().equals(category) && i.type().equals(type));
    }

    /** Equal when they say the same: forms compare by their XML, as data forms have no equality of their own. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof DiscoInfo other && Objects.equals(node, other.node)
                && identities.equals(other.identities) && features.equals(other.features)
                && formsXml().equals(other.formsXml());
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, identities, features, formsXml());
    }

    private List<String> formsXml() {
        return forms.stream().map(f -> f.xml().toXml()).toList();
    }

    /** The extended information form whose {@code FORM_TYPE} is this, or null. */
    public @Nullable DataForm form(String formType) {
        return forms.stream().filter(f -> formType.equals(f.getFormTypeName())).findFirst().orElse(null);
    }
}
