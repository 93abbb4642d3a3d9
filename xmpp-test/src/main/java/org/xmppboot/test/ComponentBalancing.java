package org.xmppboot.test;

import java.util.List;

/**
 * How ejabberd spreads the stanzas for {@link LocalServer#COMPONENT_DOMAIN} over several XEP-0114 connections
 * for that domain: its {@code domain_balancing} option
 * (https://docs.ejabberd.im/admin/configuration/toplevel/#domain-balancing).
 *
 * <p>Without it, ejabberd sends each stanza to a connection picked at random (one on the receiving node when
 * there is one). With it, the domain has {@code componentNumber} slots; each connection takes a free slot as it
 * logs in, and a stanza goes to the slot chosen by hashing the key that {@code type} names:
 * <ul>
 *   <li>{@code random}: nothing (a new choice per stanza);</li>
 *   <li>{@code source} / {@code bare_source}: the sender's full / bare JID, so one sender always reaches the
 *       same connection;</li>
 *   <li>{@code destination} / {@code bare_destination}: the recipient's full / bare JID under the component
 *       domain.</li>
 * </ul>
 *
 * <p>{@code componentNumber} is required with every type: ejabberd 23.01 reads it unconditionally when a
 * component registers its route ({@code ejabberd_router:get_component_number/1}), so a {@code type} without it
 * crashes every component handshake for the domain. Its config check accepts 2 to 1000 and refuses 1 when it
 * loads the file ("Expected integer from 2 to 1000", {@code ejabberd_options:opt_type(domain_balancing)}). A slot with no connection keeps its share of the hash
 * space: stanzas hashed to it are dropped without an error, so a test wants exactly {@code componentNumber}
 * connections. Slots are made when the first connection registers and outlive {@code reload_config}.
 *
 * @param type one of {@link #TYPES}
 * @param componentNumber the number of slots, 2 to 1000
 */
public record ComponentBalancing(String type, int componentNumber) {

    /** The values of ejabberd's {@code type}. */
    public static final List<String> TYPES = List.of("random", "source", "destination", "bare_source",
            "bare_destination");

    /** The bounds ejabberd 23.01 accepts for {@code component_number}. */
    public static final int MIN_COMPONENTS = 2;
    public static final int MAX_COMPONENTS = 1000;

    /**
     * @throws IllegalArgumentException for a type ejabberd does not know, or a number of slots it refuses
     */
    public ComponentBalancing {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("Not an ejabberd domain_balancing type: '" + type + "' (one of "
                    + TYPES + ")");
        }
        if (componentNumber < MIN_COMPONENTS || componentNumber > MAX_COMPONENTS) {
            throw new IllegalArgumentException("component_number must be " + MIN_COMPONENTS + " to "
                    + MAX_COMPONENTS + " (ejabberd refuses other values, and a type without it crashes every "
                    + "component handshake): " + componentNumber);
        }
    }
}
