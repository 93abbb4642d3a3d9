package org.xmppboot.plugins.xep0045;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;
import org.xmppboot.xml.XmlElement;

/**
 * A moderator's and an owner's requests to a room (XEP-0045 §8 to §10): the {@code muc#admin} items that set
 * roles and affiliations, and the {@code muc#owner} queries that configure and destroy the room.
 */
final class RoomAdministration {

    /** The plugin's context, asked for at each use: it exists only once the plugin is on a connection. */
    private final Supplier<PluginContext> context;

    RoomAdministration(Supplier<PluginContext> context) {
        this.context = context;
    }

    /** See {@link MultiUserChat#setRole}. */
    CompletableFuture<Iq> setRole(Jid room, String nick, Role role, @Nullable String reason) {
        return sendAdmin(room, adminItem().setNick(nick).setRole(role).setReason(reason));
    }

    /** See {@link MultiUserChat#setAffiliation}. */
    CompletableFuture<Iq> setAffiliation(Jid room, Jid user, Affiliation affiliation, @Nullable String reason) {
        return sendAdmin(room, adminItem().setJid(user.bare()).setAffiliation(affiliation).setReason(reason));
    }

    /** See {@link MultiUserChat#getConfiguration}. */
    CompletableFuture<DataForm> getConfiguration(Jid room) {
        return sendQuery(Iq.Type.GET, room, ownerQuery()).thenApply(result -> {
            XmlElement query = result.getPayload();
            XmlElement form = query == null ? null : query.element("x", DataForm.NAMESPACE);
            if (form == null) {
                throw new StanzaErrorException(StanzaError.Condition.UNDEFINED_CONDITION,
                        room + " sent no configuration form");
            }
            return new DataForm(form);
        });
    }

    /** See {@link MultiUserChat#submitConfiguration}. */
    CompletableFuture<Iq> submitConfiguration(Jid room, DataForm submission) {
        return sendQuery(Iq.Type.SET, room, ownerQuery().addChild(submission.xml().copy()));
    }

    /** See {@link MultiUserChat#destroy}. */
    CompletableFuture<Iq> destroy(Jid room, @Nullable String reason) {
        XmlElement query = ownerQuery();
        XmlElement destroy = query.addElement("destroy", MultiUserChat.NAMESPACE_OWNER);
        if (reason != null) {
            destroy.addElement("reason", MultiUserChat.NAMESPACE_OWNER).setText(reason);
        }
        return sendQuery(Iq.Type.SET, room, query);
    }

    private static MucItem adminItem() {
        return new MucItem(new XmlElement("item", MultiUserChat.NAMESPACE_ADMIN));
    }

    private CompletableFuture<Iq> sendAdmin(Jid room, MucItem item) {
        return sendQuery(Iq.Type.SET, room, new XmlElement("query", MultiUserChat.NAMESPACE_ADMIN)
                .addChild(item.xml()));
    }

    private static XmlElement ownerQuery() {
        return new XmlElement("query", MultiUserChat.NAMESPACE_OWNER);
    }

    /** Sends the room an iq with this query as its payload. */
    private CompletableFuture<Iq> sendQuery(Iq.Type type, Jid room, XmlElement query) {
        Iq iq = context.get().makeIq(type, room.bare());
        iq.setPayload(query);
        return context.get().sendIq(iq, null);
    }
}
