package org.xmppboot.plugins.xep0054;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.plugin.BasePlugin;
import org.xmppboot.plugin.PluginContext;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * XEP-0054 vcard-temp, the client side: reads our own vCard and anyone's, and writes our own. Writing replaces
 * the whole card (XEP-0054 §3.2), so {@link #editOwn} reads the current card first and changes only the fields
 * it is told to, and writes nothing when they are already as wanted.
 *
 * <p>Raises no events. Futures complete on the event thread; do not block on them there.
 */
public class VCardTemp extends BasePlugin {

    public static final String NAME = "xep_0054";
    public static final String NAMESPACE = "vcard-temp";

    /** Loading the plugin registers vCard on Iq, so that {@code iq.get("vcard_temp")} works from the start. */
    private static final Schema<VCard> CARD = VCard.SCHEMA;

    public VCardTemp() {
        super(NAME);
    }

    @Override
    protected void start(PluginContext context) {
        // Requests only: our vCard is served by our server, not by us (XEP-0054 §3.1).
    }

    /**
     * A vCard: ours with {@code jid} null (XEP-0054 §3.1), else that of the bare JID (§3.3). An account without a
     * card reads as an empty one: servers answer an empty {@code <vCard/>}, {@code item-not-found}, or (for
     * another's, since version 1.3 of the XEP) {@code service-unavailable}, which also stands for "no such
     * account" so that accounts cannot be harvested (§3.3). Other errors fail the future with a
     * {@link StanzaErrorException}.
     */
    public CompletableFuture<VCard> getVCard(@Nullable Jid jid) {
        Iq get = context().makeIq(Iq.Type.GET, jid == null ? null : jid.bare());
        get.enableExtension(CARD);
        return get.send().handle((result, failure) -> {
            if (failure == null) {
                VCard card = result.extension(VCard.SCHEMA);
                return card == null ? VCard.create() : card;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof StanzaErrorException e && (e.condition() == StanzaError.Condition.ITEM_NOT_FOUND
                    || e.condition() == StanzaError.Condition.SERVICE_UNAVAILABLE)) {
                return VCard.create();
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
    }

    /** Our own vCard; {@link #getVCard} with null. */
    public CompletableFuture<VCard> getOwnVCard() {
        return getVCard(null);
    }

    /** Replaces our vCard with this one (XEP-0054 §3.2); completes when the server has stored it. */
    public CompletableFuture<Void> publish(VCard card) {
        Iq set = context().makeIq(Iq.Type.SET, null);
        set.setPayload(card.xml().copy());
        return set.send().thenAccept(result -> { });
    }

    /**
     * Reads our vCard, lets {@code edit} change it, and writes it back only if that changed anything: for
     * settings applied at every start, without a write each time. Completes with the card as it now is on the
     * server.
     */
    public CompletableFuture<VCard> editOwn(Consumer<VCard> edit) {
        return getOwnVCard().thenCompose(current -> {
            VCard edited = current.copy();
            edit.accept(edited);
            if (edited.xml().toXml().equals(current.xml().toXml())) {
                return CompletableFuture.completedFuture(current);
            }
            return publish(edited).thenApply(done -> edited);
        });
    }
}
