package org.xmppboot.plugins.xep0333;

/**
 * How {@link ChatMarkers} marks outgoing messages. Immutable; {@link #DEFAULT} adds nothing.
 *
 * @param markOutgoing add {@code <markable/>} to outgoing chat messages that have a body and an id (§4.1: the
 *     id is what markers refer to), asking the recipient for markers
 */
public record ChatMarkersConfig(boolean markOutgoing) {

    /** Outgoing messages are left as they are. */
    public static final ChatMarkersConfig DEFAULT = new ChatMarkersConfig(false);
}
