package org.xmppboot.plugins;

import org.jspecify.annotations.Nullable;
import org.xmppboot.iq.IqHandler;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Iq;

/**
 * A plugin that answers one kind of iq get and announces its namespace as a feature through service
 * discovery: the shape of most small XEPs (ping, software version, time, ...). The answer goes through the iq
 * contract ({@link IqHandler}): a plugin that throws still answers, with an error.
 */
public abstract class IqFeaturePlugin extends BasePlugin {

    private final String namespace;
    private final IqRoute route;

    /**
     * @param name the plugin name ({@code xep_0199})
     * @param namespace the feature, and the namespace of the request's payload
     * @param element the payload element's name ({@code ping}, {@code query})
     */
    protected IqFeaturePlugin(String name, String namespace, String element) {
        super(name, ServiceDiscovery.NAME);
        this.namespace = namespace;
        this.route = IqRoute.get(namespace, element);
    }

    @Override
    protected void start(PluginContext context) {
        require(ServiceDiscovery.class).addFeature(namespace);
        context.registerIqHandler(name() + ":get", route, this::answer);
    }

    /**
     * Answers a request, on the event thread, as an {@link IqHandler} does: returns the result's payload (null
     * for an empty result), an iq, or a {@code CompletionStage} of one; throws a
     * {@link org.xmppboot.stanza.StanzaErrorException} to refuse. Any other exception is answered
     * {@code internal-server-error}. Exactly one response goes out either way.
     */
    protected abstract @Nullable Object answer(Iq request) throws Exception;
}
