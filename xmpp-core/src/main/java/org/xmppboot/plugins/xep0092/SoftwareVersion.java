package org.xmppboot.plugins.xep0092;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugins.IqFeaturePlugin;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0092: answers {@code jabber:iq:version} with a name and version. The operating system is left out
 * unless set: it tells an attacker more than it tells a user (XEP-0092 §6).
 */
public class SoftwareVersion extends IqFeaturePlugin {

    public static final String NAME = "xep_0092";
    public static final String NAMESPACE = "jabber:iq:version";

    private volatile String softwareName = "xmpp-boot";
    private volatile String version = "0.1.0";
    private volatile @Nullable String os;

    public SoftwareVersion() {
        super(NAME, NAMESPACE, "query");
    }

    /** What to answer; {@code os} null leaves it out. */
    public SoftwareVersion set(String name, String version, @Nullable String os) {
        this.softwareName = name;
        this.version = version;
        this.os = os;
        return this;
    }

    @Override
    protected XmlElement answer(Iq request) {
        XmlElement query = new XmlElement("query", NAMESPACE);
        query.addElement("name").setText(softwareName);
        query.addElement("version").setText(version);
        String system = os;
        if (system != null) {
            query.addElement("os").setText(system);
        }
        return query;
    }
}
