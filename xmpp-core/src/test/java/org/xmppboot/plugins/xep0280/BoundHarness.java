package org.xmppboot.plugins.xep0280;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.xmppboot.BaseXMPP;
import org.xmppboot.jid.Jid;
import org.xmppboot.stream.StreamConfig;
import org.xmppboot.stream.StreamHarness;

/** A scripted stream whose session is bound to a given JID, as a client's is after resource binding. */
public final class BoundHarness {

    private BoundHarness() {
    }

    public static StreamHarness boundTo(String jid) {
        Jid self = Jid.of(jid);
        return new StreamHarness(new BaseXMPP("jabber:client", StreamConfig.defaults().withName("bound")) {
            {
                boundJid = self;
            }
        });
    }

    /** Everything raised as this event from now on. */
    public static BlockingQueue<Object> record(StreamHarness h, String event) {
        BlockingQueue<Object> raised = new LinkedBlockingQueue<>();
        h.xmpp.addEventHandler(event, raised::add);
        return raised;
    }
}
