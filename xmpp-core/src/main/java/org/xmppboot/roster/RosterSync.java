package org.xmppboot.roster;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.xml.XmlElement;

/**
 * What the server tells a roster: roster results (RFC 6121 §2.1.4, §2.6.3) and pushes (§2.1.6), applied to the
 * state and raised as events on the connection.
 */
final class RosterSync {

    private static final Logger log = LoggerFactory.getLogger(RosterSync.class);

    private final Roster roster;
    private final RosterState state;
    private volatile @Nullable PluginContext xmpp;
    private volatile boolean loaded;
    /** Whether the last session had its roster when its connection was lost: a resumption keeps it. */
    private volatile boolean loadedWhenLost;
    /** The id of the last result applied, so that the {@code roster_update} raised for it is not applied again. */
    private volatile @Nullable String lastResultId;

    RosterSync(Roster roster, RosterState state) {
        this.roster = roster;
        this.state = state;
    }

    void bind(@Nullable PluginContext connection) {
        xmpp = connection;
    }

    boolean isLoaded() {
        return loaded;
    }

    /** The session ended: the next one loads the roster again, unless it resumes this one. */
    void unload() {
        if (loaded) {
            loadedWhenLost = true; // unload() runs twice per loss: plugin shutdown, then session_end
        }
        loaded = false;
    }

    /**
     * The lost session was resumed (XEP-0198 §5): the roster it had is still current, since the server sends the
     * pushes it missed, and it is not requested again.
     */
    void resumed() {
        loaded = loadedWhenLost;
    }

    /**
     * Applies a roster result: a full roster replaces the items (§2.1.4); an empty result means the cached roster
     * is current, and changes, if any, follow as pushes (§2.6.3).
     */
    void applyResult(Iq result) {
        if (result.getIqType() != Iq.Type.RESULT) {
            throw new IllegalArgumentException("Not a roster result: " + result);
        }
        lastResultId = result.getId();
        RosterQuery query = RosterQuery.of(result);
        List<RosterChange> changes = query == null ? List.of()
                : state.replaceAll(query.getVersion(), query.getItems());
        loaded = true;
        loadedWhenLost = false;
        RosterState.Snapshot now = state.snapshot();
        log.debug("[{}] roster {} ({} items, version {})", name(), query == null ? "unchanged" : "received",
                now.items().size(), now.version());
        raise(changes);
        event(Roster.EVENT_LOADED, roster);
    }

    /** A roster push (on the event thread): applied and answered exactly once, or refused. */
    void pushed(Iq push) {
        if (!fromAccount(push)) {
            // §2.1.6: a push not from the account MUST be ignored: it changes nothing. Every iq set still gets a
            // response (RFC 6120 §8.2.3); service-unavailable is what a client without a roster answers
            // (RFC 6120 §8.4), so it tells the sender nothing (SleekXMPP and slixmpp answer the same).
            log.info("[{}] roster push from {} ignored: only the account's server may push", name(),
                    push.xml().attribute("from"));
            push.error(StanzaError.Condition.SERVICE_UNAVAILABLE, null).sendResponse();
            return;
        }
        RosterQuery query = RosterQuery.of(push);
        RosterItem item = query == null ? null : onlyItem(query);
        if (query == null || item == null) {
            push.error(StanzaError.Condition.BAD_REQUEST,
                    "A roster push carries exactly one item with a valid jid (RFC 6121 §2.1.6)").sendResponse();
            return;
        }
        RosterChange change = state.apply(query.getVersion(), item);
        push.reply().sendResponse();
        event(Roster.EVENT_UPDATE, push);
        if (change != null) {
            raise(List.of(change));
        }
    }

    private static @Nullable RosterItem onlyItem(RosterQuery query) {
        List<XmlElement> elements = query.itemElements();
        if (elements.size() != 1) {
            return null;
        }
        try {
            return RosterItem.fromXml(elements.get(0));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** §2.1.6: from absent (the account, implicitly) or the account's bare JID, and nothing else. */
    private boolean fromAccount(Iq push) {
        Jid from;
        try {
            from = push.getFrom();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (from == null) {
            return true;
        }
        PluginContext connection = xmpp;
        Jid own = connection == null ? null : connection.boundJid();
        return own != null && from.equals(own.bare());
    }

    private void raise(List<RosterChange> changes) {
        for (RosterChange change : changes) {
            event(change.isRemoved() ? Roster.EVENT_ITEM_REMOVED : Roster.EVENT_ITEM_CHANGED, change);
        }
    }

    void event(String name, Object data) {
        PluginContext connection = xmpp;
        if (connection != null) {
            connection.event(name, data);
        }
    }

    String name() {
        PluginContext connection = xmpp;
        return connection == null ? "roster" : connection.connectionName();
    }
}
