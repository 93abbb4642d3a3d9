package org.xmppboot.plugins.xep0334;

import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;

/**
 * XEP-0334 Message Processing Hints: {@code message.addHint(Hint.NO_STORE)}, {@code message.hasHint(..)}. Hints
 * are read and written on the message; the plugin only makes the name {@code xep_0334} loadable like every
 * other XEP's. It announces no feature (a hint needs no support to be sent, and is ignored where not understood)
 * and raises no events.
 */
public class MessageHints extends BasePlugin {

    public static final String NAME = "xep_0334";
    public static final String NAMESPACE = Hint.NAMESPACE;

    public MessageHints() {
        super(NAME);
    }

    @Override
    protected void start(PluginContext context) {
        // Nothing per connection: hints are extensions of Message, registered with it.
    }
}
