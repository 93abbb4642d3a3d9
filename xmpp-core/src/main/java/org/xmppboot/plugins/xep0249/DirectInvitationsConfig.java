package org.xmppboot.plugins.xep0249;

import org.jspecify.annotations.Nullable;

/**
 * Settings of {@link DirectInvitations}.
 *
 * @param autoJoin join the rooms we are invited to (with the invitation's password). Off by default: anyone
 *     could otherwise pull the bot into any room
 * @param nick the nick to join with; null for our JID's local part
 */
public record DirectInvitationsConfig(boolean autoJoin, @Nullable String nick) {

    public static final DirectInvitationsConfig DEFAULT = new DirectInvitationsConfig(false, null);

    public DirectInvitationsConfig withAutoJoin(boolean join) {
        return new DirectInvitationsConfig(join, nick);
    }
}
