package org.xmppboot.plugins.xep0077;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.xmppboot.features.Negotiation;
import org.xmppboot.features.StreamFeature;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/**
 * Registers the client's account before SASL (XEP-0077 §3.1 over the stream feature of §8): asks for the form,
 * fills in the account's username and password and the configured fields, submits, and then lets SASL log in
 * with the same credentials. Runs once per plugin: after a registration, or an attempt the connection did not
 * survive, later connections just log in.
 */
final class RegistrationFeature implements StreamFeature {

    static final String NAME = "register";
    /** The stream feature of XEP-0077 §8, advertised where registration is open. */
    static final String FEATURE_NAMESPACE = "http://jabber.org/features/iq-register";
    /** After TLS (100) and before SASL (200). */
    static final int ORDER = 150;

    private final String username;
    private final @Nullable String password;
    private final Supplier<Map<String, String>> fields;
    private volatile boolean done;
    private volatile boolean registered;
    /** Which request of ours the server has not answered yet, if any. */
    private volatile @Nullable String pending;
    private volatile @Nullable RegistrationException refusedLocally;

    RegistrationFeature(String username, @Nullable String password, Supplier<Map<String, String>> fields) {
        this.username = username;
        this.password = password;
        this.fields = fields;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void reset() {
        if (pending != null || refusedLocally != null) {
            done = true; // the last attempt ended during registration: do not register again
        }
        pending = null;
    }

    /** Whether the server accepted the registration. */
    boolean isRegistered() {
        return registered;
    }

    /** Whether the connection ended while a registration request was unanswered or refused. */
    boolean failedDuringRegistration() {
        return pending != null;
    }

    @Nullable RegistrationException refusedLocally() {
        return refusedLocally;
    }

    @Override
    public Outcome negotiate(XmlElement features, Negotiation negotiation) {
        if (done || negotiation.isAuthenticated()) {
            return Outcome.SKIPPED;
        }
        // Servers advertise the feature where registration is open (§8), but not all do: ask either way, and let
        // the server's answer say whether it is possible.
        pending = "get";
        negotiation.sendIq(NAME, Iq.Type.GET, RegisterQuery.create().xml(), form -> submit(form, negotiation));
        return Outcome.PENDING;
    }

    private void submit(Iq answer, Negotiation negotiation) {
        RegisterQuery query = answer.extension(RegisterQuery.SCHEMA);
        RegistrationForm form = RegistrationForm.of(query == null ? RegisterQuery.create() : query);
        Map<String, String> values = new HashMap<>(fields.get());
        values.put("username", username);
        if (password != null) {
            values.put("password", password);
        }
        RegisterQuery request;
        try {
            request = form.fill(values);
        } catch (RegistrationException e) {
            pending = null;
            refusedLocally = e;
            negotiation.failPermanently(e.getMessage());
            return;
        }
        pending = "set";
        negotiation.sendIq(NAME, Iq.Type.SET, request.xml(), result -> {
            pending = null;
            done = true;
            registered = true;
            negotiation.proceed();
        });
    }
}
