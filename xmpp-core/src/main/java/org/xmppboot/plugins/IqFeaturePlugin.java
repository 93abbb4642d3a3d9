package org.xmppboot.plugins;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.BaseXMPP;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Iq;

/**
 * A plugin that answers one kind of iq get and announces its namespace as a feature through service
 * discovery: the shape of most small XEPs (ping, software version, time, ...). The answer goes through the iq
 * contract ({@link IqHandler}): a plugin that throws still answers, with an error.
 */
public abstract class IqFeaturePlugin implements XmppPlugin {

    private final String name;
    private final String namespace;
    private final String handlerName;
    private final IqRoute route;
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
        this.route = IqRoute.get(namespace, element);
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
        xmpp.registerIqHandler(handlerName, route, this::answer);
    }

    @Override
    public void shutdown() {
        if (xmpp != null) {
            xmpp.removeIqHandler(handlerName);
        }
    }

    /**
     * Answers a request, on the event thread, as an {@link IqHandler} does: returns the result's payload (null
     * for an empty result), an iq, or a {@code CompletionStage} of one; throws a
     * {@link org.xmppboot.stanza.StanzaErrorException} to refuse. Any other exception is answered
     * {@code internal-server-error}. Exactly one response goes out either way.
     */
    protected abstract @Nullable Object answer(Iq request) throws Exception;

    /** The connection, once initialised. */
    protected BaseXMPP xmpp() {
        if (xmpp == null) {
            throw new IllegalStateException(name + " is not initialised: register it on a connection first");
        }
        return xmpp;
    }
}
