package org.xmppboot.test;

import static org.xmppboot.test.LocalServer.ANONYMOUS_DOMAIN;
import static org.xmppboot.test.LocalServer.COMPONENT_DOMAIN;
import static org.xmppboot.test.LocalServer.DOMAIN;
import static org.xmppboot.test.LocalServer.MUC_DOMAIN;
import static org.xmppboot.test.LocalServer.PERF_DOMAIN;
import static org.xmppboot.test.LocalServer.PUBSUB_DOMAIN;
import static org.xmppboot.test.LocalServer.SHA256_DOMAIN;
import static org.xmppboot.test.LocalProsody.UPLOAD_DOMAIN;

import java.nio.file.Path;
import java.time.Duration;

/** The configuration file of a {@link LocalProsody}; option names are those of Prosody 0.12. */
final class ProsodyConfig {

    /**
     * A virtual host open to in-band registration (XEP-0077), for tests that create, change and delete accounts
     * over XMPP; every other host keeps {@code allow_registration = false}.
     */
    static final String REGISTRATION_DOMAIN = "register.localhost";

    private ProsodyConfig() {
    }

    /**
     * {@code prosody.cfg.lua}: the hosts of {@link LocalServer} and {@link LocalProsody#UPLOAD_DOMAIN}, every
     * listener on loopback (c2s, direct TLS, component, HTTP, in the order of {@code ports}), nothing else open.
     */
    static String lua(Path dir, boolean tls, int[] ports, String secret, Duration smacksHibernation) {
        String d = quote(dir.toString());
        StringBuilder c = new StringBuilder();
        c.append("-- Throwaway test server written by LocalProsody\n");
        c.append("run_as_root = true\n");
        c.append("pidfile = \"").append(d).append("/prosody.pid\"\n");
        c.append("data_path = \"").append(d).append("/data\"\n");
        c.append("certificates = \"").append(d).append("\"\n");
        c.append("log = { { levels = { min = \"info\" }, to = \"file\", filename = \"").append(d)
                .append("/prosody.log\" } }\n");
        c.append("interfaces = { \"127.0.0.1\" }\n");
        c.append("c2s_ports = { ").append(ports[0]).append(" }\n");
        c.append("c2s_direct_tls_ports = { ").append(tls ? String.valueOf(ports[1]) : "").append(" }\n");
        c.append("component_ports = { ").append(ports[2]).append(" }\n");
        c.append("component_interfaces = { \"127.0.0.1\" }\n");
        c.append("http_ports = { ").append(ports[3]).append(" }\n");
        c.append("http_interfaces = { \"127.0.0.1\" }\n");
        c.append("https_ports = { }\n");
        c.append("s2s_ports = { }\n");
        c.append("proxy65_ports = { }\n");
        // Prosody leaves Nagle on for accepted sockets: every small reply would wait for a delayed ACK.
        // Its listen backlog of 128 overflows when a load test opens hundreds of connections at once: the kernel
        // then drops the handshakes, and clients retry after 1, 3, 7 s or time out. 4096 is Linux's usual cap.
        c.append("network_settings = { nagle = false, tcp_backlog = 4096 }\n");
        c.append("modules_enabled = { \"roster\", \"saslauth\", ").append(tls ? "\"tls\", " : "")
                .append("\"disco\", \"ping\", \"version\", \"time\", \"register\", \"carbons\", \"mam\", "
                        + "\"smacks\", \"blocklist\", \"private\", \"pep\", \"offline\", \"vcard\" }\n");
        c.append("modules_disabled = { \"s2s\" }\n");
        c.append("c2s_require_encryption = ").append(tls).append("\n");
        c.append("allow_unencrypted_plain_auth = ").append(!tls).append("\n");
        c.append("authentication = \"internal_hashed\"\n");
        c.append("storage = \"internal\"\n");
        c.append("allow_registration = false\n");
        c.append("smacks_hibernation_time = ").append(smacksHibernation.toSeconds()).append("\n");
        c.append("storage_archive_item_limit = 1000000\n");
        if (tls) {
            c.append("ssl = { certificate = \"").append(d).append("/localhost.crt\", key = \"").append(d)
                    .append("/localhost.key\" }\n");
        }
        c.append("\nVirtualHost \"").append(DOMAIN).append("\"\n");
        c.append("\nVirtualHost \"").append(SHA256_DOMAIN).append("\"\n");
        c.append("  password_hash = \"SHA-256\"\n");
        c.append("\nVirtualHost \"").append(ANONYMOUS_DOMAIN).append("\"\n");
        c.append("  authentication = \"anonymous\"\n");
        // Accounts that end with their session need no archive, and a thousand of them would thrash the
        // internal store's item-count cache (1,000 users), which then reloads the whole archive on every message.
        c.append("  modules_disabled = { \"mam\", \"carbons\", \"offline\" }\n");
        c.append("\nVirtualHost \"").append(PERF_DOMAIN).append("\"\n");
        c.append("  modules_disabled = { \"mam\", \"carbons\", \"offline\" }\n");
        c.append("\nVirtualHost \"").append(REGISTRATION_DOMAIN).append("\"\n");
        c.append("  allow_registration = true\n");
        c.append("\nComponent \"").append(MUC_DOMAIN).append("\" \"muc\"\n");
        c.append("\nComponent \"").append(PUBSUB_DOMAIN).append("\" \"pubsub\"\n");
        // Prosody lets only the service's admins create nodes; tests create them as this account.
        c.append("  admins = { \"").append(LocalProsody.PUBSUB_ADMIN).append("\" }\n");
        c.append("\nComponent \"").append(UPLOAD_DOMAIN).append("\" \"http_file_share\"\n");
        // Upload and download URLs name 127.0.0.1, which resolves everywhere (upload.localhost may not).
        c.append("  http_host = \"127.0.0.1\"\n");
        c.append("\nComponent \"").append(COMPONENT_DOMAIN).append("\"\n");
        c.append("  component_secret = \"").append(secret).append("\"\n");
        return c.toString();
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
