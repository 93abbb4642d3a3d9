package org.xmppboot.plugins.xep0004;

import org.jspecify.annotations.Nullable;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0030.ServiceDiscovery;
import org.xmppboot.stanza.Message;
import org.xmppboot.stream.handler.StreamHandler;
import org.xmppboot.stream.matcher.Matcher;

/**
 * XEP-0004 Data Forms: announces {@code jabber:x:data} through service discovery (XEP-0004 §6), makes
 * {@link DataForm} reachable from messages ({@code message.getForm()}, {@code message.get("form")}), and raises
 * an event for every message that carries a form.
 *
 * <p>Events:
 * <ul>
 *   <li>{@code message_xform} ({@link Message}): a message with a data form arrived (a form to fill in, a
 *       submission, a result).</li>
 * </ul>
 */
public class DataForms extends BasePlugin {

    public static final String NAME = "xep_0004";
    public static final String NAMESPACE = DataForm.NAMESPACE;

    public DataForms() {
        super(NAME, ServiceDiscovery.NAME);
    }

    @Override
    protected void start(PluginContext context) {
        // Registered here as well as by the class, so that message.get("form") finds it from the start.
        Message.SCHEMA.registerExtension(DataForm.SCHEMA);
        require(ServiceDiscovery.class).addFeature(NAMESPACE);
        context.registerHandler(StreamHandler.of(NAME + ":message",
                Matcher.stanzaPath("message/{" + NAMESPACE + "}x"), m -> context.event("message_xform", m)));
    }

    /** A new form of this type, with a title and instructions when given. */
    public DataForm makeForm(DataForm.Type type, @Nullable String title, @Nullable String instructions) {
        DataForm form = DataForm.create(type).setTitle(title);
        if (instructions != null) {
            form.addInstructions(instructions);
        }
        return form;
    }
}
