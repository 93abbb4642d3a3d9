package org.xmppboot.plugins.xep0313;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.xep0059.ResultSet;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <fin xmlns='urn:xmpp:mam:2' complete='true'/>} (XEP-0313 §4.3.2): ends a query's results, in the iq
 * result, with the page's first and last ids in a {@link ResultSet}. Reached on an iq as {@code mam_fin}.
 */
public final class MamFin extends ElementBase {

    public static final Schema<MamFin> SCHEMA = Schema.builder("fin", MessageArchive.NAMESPACE, MamFin::new)
            .extensionName("mam_fin")
            .attribute("complete").attribute("stable")
            .build();

    static {
        SCHEMA.registerExtension(ResultSet.SCHEMA);
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    public MamFin(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<MamFin> schema() {
        return SCHEMA;
    }

    /**
     * Whether the page reaches the end of the results in the direction paged: the last page paging forward, the
     * first paging backward (§4.3.2). An absent attribute means false.
     */
    public boolean isComplete() {
        return isTrue(xml.attribute("complete"));
    }

    /** False when the server says the ids in this page may change later (§4.3.2, {@code stable='false'}). */
    public boolean isStable() {
        String stable = xml.attribute("stable");
        return stable == null || isTrue(stable);
    }

    /** The page's first and last ids and the count, or null if the server sent none. */
    public @Nullable ResultSet getResultSet() {
        return extension(ResultSet.SCHEMA);
    }

    private static boolean isTrue(@Nullable String value) {
        return "true".equals(value) || "1".equals(value);
    }
}
