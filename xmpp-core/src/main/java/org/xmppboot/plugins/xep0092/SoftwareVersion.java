package org.xmppboot.plugins.xep0092;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.BaseXMPP;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;
import org.xmppboot.xml.XmlElement;

/**
 * XEP-0092: answers {@code jabber:iq:version} with a name and version. The operating system is left out
 * unless set: it tells an attacker more than it tells a user (XEP-0092 §6).
 */
public class SoftwareVersion implements XmppPlugin {

    public static final String NAME = "xep_0092";
    public static final String NAMESPACE = "jabber:iq:version";

    private volatile String softwareName = "xmpp-boot";
    private volatile String version = "0.1.0";
    private volatile @Nullable String os;
    private @Nullable BaseXMPP xmpp;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> dependencies() {
        return Set.of(ServiceDiscovery.NAME);
    }

    @Override
    public void init(BaseXMPP xmpp) {
        this.xmpp = xmpp;
        ServiceDiscovery disco = xmpp.plugin(ServiceDiscovery.class);
        if (disco != null) {
            disco.addFeature(NAMESPACE);
        }
        xmpp.registerHandler(StreamHandler.of("xep_0092:version",
                Matcher.stanzaPath("iq@type=get/{" + NAMESPACE + "}query"), s -> {
                    XmlElement query = new XmlElement("query", NAMESPACE);
                    query.addElement("name").setText(softwareName);
                    query.addElement("version").setText(version);
                    String system = os;
                    if (system != null) {
                        query.addElement("os").setText(system);
                    }
                    ((Iq) s).reply().setPayload(query).sendResponse();
                }));
    }

    @Override
    public void shutdown() {
        if (xmpp != null) {
            xmpp.removeHandler("xep_0092:version");
        }
    }

    /** What to answer; {@code os} null leaves it out. */
    public SoftwareVersion set(String name, String version, @Nullable String os) {
        this.softwareName = name;
        this.version = version;
        this.os = os;
        return this;
    }
}
