package org.xmppboot.spring.localserver;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.xmppboot.jid.Jid;
import org.xmppboot.spring.autoconfigure.XmppConnectionDetails;
import org.xmppboot.spring.autoconfigure.XmppProperties;
import org.xmppboot.test.LocalServer;

/**
 * The way in for a person: creates the {@code xmpp.local-server.user} account on the local server and, once the
 * application is ready, logs how to log in with any XMPP client and whom to talk to. The password itself is
 * never logged, only the property that holds it.
 */
final class LocalServerGuide implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(LocalServerGuide.class);

    private final LocalServer server;
    private final XmppLocalServerProperties properties;
    private final XmppProperties xmpp;
    private final XmppConnectionDetails details;
    private final @Nullable Jid user;

    LocalServerGuide(LocalServer server, XmppLocalServerProperties properties, XmppProperties xmpp,
            XmppConnectionDetails details) {
        this.server = server;
        this.properties = properties;
        this.xmpp = xmpp;
        this.details = details;
        this.user = properties.getUser().isBlank() ? null
                : server.createUser(properties.getUser(), properties.getUserPassword());
    }

    /** The person's account, or null when {@code xmpp.local-server.user} is empty. */
    @Nullable Jid user() {
        return user;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (user == null) {
            return;
        }
        Jid bot = xmpp.getMode() == XmppProperties.Mode.COMPONENT ? details.getComponent().getDomain()
                : details.getClient().getJid().bare();
        String port = server.c2sPort() == properties.getPort() || properties.getPort() == 0
                ? String.valueOf(server.c2sPort())
                : server.c2sPort() + " (" + properties.getPort() + " was taken)";
        log.info("Local XMPP server ({}) on {} port {}, STARTTLS with a self-signed certificate. From any XMPP "
                + "client, log in as {} with the password of xmpp.local-server.user-password (\"you\" unless set) "
                + "and talk to {}.", server.name(), server.host(), port, user, bot);
    }
}
