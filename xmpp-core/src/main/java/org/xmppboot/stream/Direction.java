package org.xmppboot.stream;

/** Which way a stanza travels. */
public enum Direction {
    IN, OUT
}
