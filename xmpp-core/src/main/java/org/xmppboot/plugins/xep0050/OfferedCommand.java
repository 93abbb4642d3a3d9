package org.xmppboot.plugins.xep0050;

import java.util.Objects;
import java.util.function.Predicate;

import org.xmppboot.jid.Jid;

/**
 * A command this entity offers (XEP-0050 §2): its node, the name shown in lists, what runs it, and who may.
 *
 * @param handler what answers each step (a {@link CommandHandler} adapted, or one that answers later)
 * @param access whether a requester may see and run the command; a refused one gets {@code forbidden}
 */
public record OfferedCommand(String node, String name, AsyncCommandHandler handler, Predicate<Jid> access) {

    /** Anyone may run it. */
    public static final Predicate<Jid> ANYONE = jid -> true;

    /** A command answered at once. */
    public OfferedCommand(String node, String name, CommandHandler handler, Predicate<Jid> access) {
        this(node, name, AsyncCommandHandler.of(handler), access);
    }

    public OfferedCommand {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(access, "access");
        if (node.isEmpty()) {
            throw new IllegalArgumentException("A command needs a node");
        }
    }
}
