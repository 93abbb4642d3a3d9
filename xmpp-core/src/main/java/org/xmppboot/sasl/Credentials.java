package org.xmppboot.sasl;

import org.jspecify.annotations.Nullable;

/**
 * What mechanisms authenticate with. {@link #toString()} never shows the password.
 *
 * @param username the localpart of the account (the authentication identity)
 * @param password the password, or null for mechanisms that need none (EXTERNAL, ANONYMOUS)
 * @param authzid an authorization identity to act as, usually null
 */
public record Credentials(String username, @Nullable String password, @Nullable String authzid) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (password == null ? "none" : "******")
                + (authzid == null ? "" : ", authzid=" + authzid) + "]";
    }
}
