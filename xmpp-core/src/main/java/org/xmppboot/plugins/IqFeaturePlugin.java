package org.xmppboot.plugins;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.BaseXMPP;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * A plugin that answers one kind of iq get and announces its namespace as a feature through service
 * discovery: the shape of most small XEPs (ping, software version, time, ...).
 */
public abstract class IqFeaturePlugin implements XmppPlugin {

    private final String name;
    private final String namespace;
    private final String handlerName;
    private final String path;
    private @Nullable BaseXMPP xmpp;

    /**
     * @param name the plugin name ({@code xep_0199})
     * @param namespace the feature, and the namespace of the request's payload
     * @param element the payload element's name ({@code ping}, {@code query})
     */
    protected IqFeaturePlugin(String name, String namespace, String element) {
        this.name = name;
        this.namespace = namespace;
        this.handlerName = name + ":get";
        this.path = "iq@type=get/{" + namespace + "}" + element;
    }

    @Override
    public final String name() {
        return name;
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
            disco.addFeature(namespace);
        }
        xmpp.registerHandler(StreamHandler.of(handlerName, Matcher.stanzaPath(path), s -> answer((Iq) s)));
    }

    @Override
    public void shutdown() {
        if (xmpp != null) {
            xmpp.removeHandler(handlerName);
        }
    }

    /** Answers a request (on the event thread): send exactly one result or error. */
    protected abstract void answer(Iq request);

    /** The connection, once initialised. */
    protected BaseXMPP xmpp() {
        if (xmpp == null) {
            throw new IllegalStateException(name + " is not initialised: register it on a connection first");
        }
        return xmpp;
    }
}
