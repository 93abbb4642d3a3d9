package org.xmppboot.stream.matcher;

import org.xmppboot.stanza.StanzaBase;
import org.xmppboot.stanza.StanzaPath;

/** Matches a {@link StanzaPath}, parsed once. */
public final class StanzaPathMatcher implements Matcher {

    private final StanzaPath path;

    public StanzaPathMatcher(String path) {
        this.path = StanzaPath.of(path);
    }

    @Override
    public boolean matches(StanzaBase stanza) {
        return path.matches(stanza);
    }

    @Override
    public String toString() {
        return "StanzaPath[" + path + "]";
    }
}
