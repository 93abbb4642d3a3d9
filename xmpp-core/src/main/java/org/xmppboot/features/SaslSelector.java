package org.xmppboot.features;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.sasl.Anonymous;
import org.xmppboot.sasl.ChannelBinding;
import org.xmppboot.sasl.ChannelBindings;
import org.xmppboot.sasl.Credentials;
import org.xmppboot.sasl.External;
import org.xmppboot.sasl.Plain;
import org.xmppboot.sasl.SaslMechanism;
import org.xmppboot.sasl.Scram;

/**
 * Chooses the SASL mechanism for a login, and for SCRAM whether and how to bind it to the TLS channel.
 *
 * <p>A {@code -PLUS} mechanism is chosen only with a binding type the server is known to accept: one it
 * announces (XEP-0440) that this JVM can produce, or, when it announces none, the default of the TLS version:
 * {@code tls-exporter} on TLS 1.3 (RFC 9266 §3), {@code tls-unique} below it (RFC 5929), which JSSE cannot
 * produce. Guessing otherwise fails logins: a server that offers {@code -PLUS} but accepts only
 * {@code tls-unique} answers any other type with {@code not-authorized}. The default is still a guess, so the
 * {@link Choice} says whether the binding was assumed; the client may then retry once without binding.
 *
 * <p>Without {@code -PLUS}, SCRAM's gs2 flag follows RFC 5802 §6: {@code y} when this client could bind but the
 * server offered no {@code -PLUS} (a server that does support binding then detects that the offer was
 * stripped), {@code n} when the server offered {@code -PLUS} with no type we can produce, or there is no TLS.
 */
final class SaslSelector {

    static final String TLS_EXPORTER = "tls-exporter";
    static final String TLS_SERVER_END_POINT = "tls-server-end-point";
    /** Strongest first: tls-exporter binds the session's keys, tls-server-end-point only its certificate. */
    private static final List<String> PRODUCIBLE = List.of(TLS_EXPORTER, TLS_SERVER_END_POINT);
    static final List<String> PASSWORD_MECHANISMS = List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS",
            "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");

    /**
     * @param mechanism ready to send its initial response
     * @param reason why, for the debug log
     * @param bindingAssumed a {@code -PLUS} mechanism bound with a type the server did not announce
     */
    record Choice(SaslMechanism mechanism, String reason, boolean bindingAssumed) {
    }

    /** The binding for -PLUS, or why there is none. */
    private record PlusBinding(@Nullable ChannelBinding binding, String reason, boolean assumed) {
    }

    private final List<String> allowed;
    private final Credentials credentials;
    private final boolean hasPassword;

    /**
     * @param allowed the mechanisms this client may use, strongest first
     * @param hasPassword whether {@code credentials} carry a password
     */
    /** The mechanisms this client may use, strongest first. */
    List<String> allowed() {
        return allowed;
    }

    SaslSelector(List<String> allowed, Credentials credentials, boolean hasPassword) {
        this.allowed = allowed;
        this.credentials = credentials;
        this.hasPassword = hasPassword;
    }

    /**
     * @param offered the mechanisms the server offers
     * @param announcedBindings the binding types the server announces (XEP-0440), or null when it announces none
     * @param channel the TLS layer, or null when there is none (or it cannot be inspected)
     * @param secure whether the stream is encrypted (PLAIN needs it)
     * @param allowPlus false to leave {@code -PLUS} out (after a binding the server refused)
     * @return the choice, or null when no allowed mechanism is offered and usable
     */
    @Nullable Choice choose(Set<String> offered, @Nullable List<String> announcedBindings, @Nullable ChannelBindings channel,
            boolean secure, boolean allowPlus) {
        boolean offersPlus = offered.stream().anyMatch(m -> m.endsWith("-PLUS"));
        PlusBinding plus = allowPlus ? plusBinding(announcedBindings, channel)
                : new PlusBinding(null, "channel binding was refused on this connection", false);
        for (String name : allowed) {
            if (!offered.contains(name)) {
                continue;
            }
            switch (name) {
                case "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS" -> {
                    ChannelBinding binding = plus.binding();
                    if (hasPassword && binding != null) {
                        return new Choice(new Scram(algorithm(name), credentials, binding, true),
                                name + " with " + binding.type() + ": " + plus.reason(), plus.assumed());
                    }
                }
                case "SCRAM-SHA-256", "SCRAM-SHA-1" -> {
                    if (hasPassword) {
                        ChannelBinding could = offersPlus ? null : anyBinding(channel);
                        String reason = could != null ? "flag y: the server offers no -PLUS, this client could bind"
                                : offersPlus ? "flag n: " + plus.reason()
                                : "flag n: no channel binding on this connection";
                        return new Choice(new Scram(algorithm(name), credentials, could, false),
                                name + " with " + reason, false);
                    }
                }
                case "PLAIN" -> {
                    if (secure && hasPassword) {
                        return new Choice(new Plain(credentials), "PLAIN over TLS", false);
                    }
                }
                case "EXTERNAL" -> {
                    return new Choice(new External(null), "EXTERNAL", false);
                }
                case "ANONYMOUS" -> {
                    return new Choice(new Anonymous(), "ANONYMOUS", false);
                }
                default -> {
                    // an allowed name this client does not implement: the next one may do
                }
            }
        }
        return null;
    }

    private static PlusBinding plusBinding(@Nullable List<String> announced, @Nullable ChannelBindings channel) {
        if (channel == null) {
            return new PlusBinding(null, "no TLS channel to bind to", false);
        }
        if (announced != null) {
            for (String type : PRODUCIBLE) {
                ChannelBinding binding = announced.contains(type) ? channel.binding(type) : null;
                if (binding != null) {
                    return new PlusBinding(binding, "announced by the server (XEP-0440)", false);
                }
            }
            return new PlusBinding(null, "the server accepts " + announced + ", none of which this JVM can produce"
                    + " on " + channel.protocol(), false);
        }
        if ("TLSv1.3".equals(channel.protocol())) {
            ChannelBinding exporter = channel.binding(TLS_EXPORTER);
            return exporter != null
                    ? new PlusBinding(exporter, "the TLS 1.3 default (RFC 9266); the server announces no types", true)
                    : new PlusBinding(null, "the TLS 1.3 default, tls-exporter, needs Java 25 or newer", false);
        }
        return new PlusBinding(null, "the " + channel.protocol() + " default, tls-unique, cannot be produced by JSSE"
                + " and the server announces no other type", false);
    }

    private static @Nullable ChannelBinding anyBinding(@Nullable ChannelBindings channel) {
        if (channel != null) {
            for (String type : PRODUCIBLE) {
                ChannelBinding binding = channel.binding(type);
                if (binding != null) {
                    return binding;
                }
            }
        }
        return null;
    }

    private static Scram.Algorithm algorithm(String mechanism) {
        return mechanism.startsWith("SCRAM-SHA-256") ? Scram.Algorithm.SHA_256 : Scram.Algorithm.SHA_1;
    }
}
