package org.xmppboot.plugins.xep0077;

import java.util.Map;

/**
 * Settings of {@link InBandRegistration}.
 *
 * @param createAccount register the client's account (its JID's local part and its password) on its first
 *     connection, before logging in; when the registration fails, later connections just log in
 * @param fields values for the other fields a server may ask for when registering ({@code email}, ...), by
 *     field name
 */
public record InBandRegistrationConfig(boolean createAccount, Map<String, String> fields) {

    public static final InBandRegistrationConfig DEFAULT = new InBandRegistrationConfig(false, Map.of());

    public InBandRegistrationConfig {
        fields = Map.copyOf(fields);
    }
}
