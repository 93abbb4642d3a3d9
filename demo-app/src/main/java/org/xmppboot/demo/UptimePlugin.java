package org.xmppboot.demo;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.xmppboot.iq.IqRoute;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.xml.XmlElement;

/**
 * A plugin written as a bean, with the powers of a built-in one: it answers {@code <uptime xmlns='urn:example:uptime'/>}
 * requests, announces the namespace in service discovery (and so in the bot's capabilities hash), and raises an
 * {@code uptime_asked} event that {@link DemoBot} logs.
 */
@Component
class UptimePlugin extends BasePlugin {

    static final String NAMESPACE = "urn:example:uptime";
    static final String ASKED = "uptime_asked";

    private final Instant started = Instant.now();

    UptimePlugin() {
        super("uptime", ServiceDiscovery.NAME);
    }

    @Override
    protected void start(PluginContext context) {
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerIqHandler("uptime", IqRoute.get(NAMESPACE, "uptime"), request -> {
            context.event(ASKED, request.getFrom());
            return new XmlElement("uptime", NAMESPACE).addText(Duration.between(started, Instant.now()).toString());
        });
    }
}
