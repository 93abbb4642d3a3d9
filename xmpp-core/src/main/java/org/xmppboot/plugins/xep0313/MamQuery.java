package org.xmppboot.plugins.xep0313;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0059.ResultSet;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <query xmlns='urn:xmpp:mam:2' queryid='..'/>} (XEP-0313 §4): a request for archived messages, filtered
 * by a data form ({@code with}, {@code start}, {@code end}, ...) and paged by a {@link ResultSet}. Reached on an
 * iq as {@code mam}; its form as {@code form}, its result set as {@code rsm}.
 */
public final class MamQuery extends ElementBase {

    public static final Schema<MamQuery> SCHEMA = Schema.builder("query", MessageArchive.NAMESPACE, MamQuery::new)
            .extensionName("mam")
            .attribute("queryid").attribute("node")
            .build();

    static {
        SCHEMA.registerExtension(DataForm.SCHEMA).registerExtension(ResultSet.SCHEMA);
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    public MamQuery(XmlElement xml) {
        super(xml);
    }

    public static MamQuery create(String queryId) {
        MamQuery query = new MamQuery(new XmlElement("query", MessageArchive.NAMESPACE));
        query.xml.setAttribute("queryid", queryId);
        return query;
    }

    @Override
    public Schema<MamQuery> schema() {
        return SCHEMA;
    }

    /** The id that the results of this query carry (§4), or null. */
    public @Nullable String getQueryId() {
        return xml.attribute("queryid");
    }

    /** The filter form, or null for the whole archive. */
    public @Nullable DataForm getForm() {
        return extension(DataForm.SCHEMA);
    }

    /** The paging, created empty if absent. */
    public ResultSet paging() {
        return enableExtension(ResultSet.SCHEMA);
    }
}
