package org.xmppboot.sm;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stream.Scheduler;
import org.xmppboot.xml.XmlElement;

/**
 * What {@link StreamManagement} needs of the client whose stream it manages, and nothing more: {@code ClientXMPP}
 * gives it, reaching into the stream for it.
 */
public interface ManagedClient {

    /** The connection's name, for logs. */
    String name();

    /** The full JID bound on the current connection, or null. */
    @Nullable Jid boundJid();

    /**
     * Writes an element now, straight onto the connection's write queue (never behind held stanzas, never waiting
     * for room); fails with {@link IllegalStateException} without a connection.
     */
    void write(XmlElement element);

    /** Writes stanzas sent before, byte for byte, ahead of held stanzas and without counting them again. */
    void resend(List<byte[]> stanzas);

    /** Ends the stream with an {@code undefined-condition} stream error. */
    void failStream(String text);

    /** Ends the connection as a network failure would, so that the session can be resumed. */
    void abort(String reason);

    /** Raises an event on the client. */
    void event(String name, @Nullable Object data);

    /** Where timers run (the stream's scheduler). */
    Scheduler scheduler();
}
