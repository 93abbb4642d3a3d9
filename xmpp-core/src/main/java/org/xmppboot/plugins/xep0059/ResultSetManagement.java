package org.xmppboot.plugins.xep0059;

import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;

/**
 * XEP-0059 Result Set Management: the {@link ResultSet} element for protocols that page through long lists
 * (XEP-0313 archives). It adds no handlers and announces no feature: the feature is a responder's (XEP-0059 §4),
 * and a bot only asks for pages. Raises no events.
 */
public class ResultSetManagement extends BasePlugin {

    public static final String NAME = "xep_0059";
    public static final String NAMESPACE = ResultSet.NAMESPACE;

    public ResultSetManagement() {
        super(NAME);
    }

    @Override
    protected void start(PluginContext context) {
        // Nothing to register: the element is read and written by the protocols that embed it.
    }
}
