package org.xmppboot.test;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The files that make a {@link LocalEjabberd} private: {@code ejabberd.yml} (what it serves),
 * {@code ejabberdctl.cfg} (which Erlang node it is) and {@code vm.args} (the node's cookie). Option names are
 * those of ejabberd 23.01 (https://docs.ejabberd.im/admin/configuration/toplevel/ and .../modules/).
 */
final class EjabberdConfig {

    /** The loopback ports of one server. */
    record Ports(int c2s, int directTls, int component, int http, int distribution) {

        static Ports of(int[] ports) {
            return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4]);
        }

        Ports withDistribution(int port) {
            return new Ports(c2s, directTls, component, http, port);
        }
    }

    /**
     * Who a server is among Erlang nodes: its node name, the loopback address its distribution listens on, and
     * the cookie it shares with the nodes it may talk to. Nodes of one cluster differ in name and address and
     * share the cookie (and, with {@code ERL_DIST_PORT}, the distribution port).
     */
    record Identity(String node, String address, String cookie) {

        /** A node of its own: a unique short name, 127.0.0.1, a random cookie. */
        static Identity standalone() {
            return new Identity("xmppboot-" + LocalServerSupport.randomHex(6) + "@localhost", "127.0.0.1",
                    LocalServerSupport.randomHex(16));
        }

        @Override
        public String toString() {
            return "Identity[" + node + " on " + address + "]"; // never the cookie
        }
    }

    private EjabberdConfig() {
    }

    /**
     * {@code ejabberdctl.cfg}, which ejabberdctl sources as shell. {@code ERL_DIST_PORT} makes the node listen for
     * Erlang distribution on that one port with no epmd (so nothing is shared with the system's ejabberd or any
     * other node), and {@code ERL_EPMD_ADDRESS} keeps any epmd a tool might still start on loopback. Without epmd
     * a node looks for every other node on its own port ({@code -erl_epmd_port}), so the nodes of a cluster on
     * one machine share the port and listen on different loopback addresses ({@link Identity#address()}).
     * {@code INET_DIST_INTERFACE} is deliberately absent: ejabberdctl turns it into
     * {@code -kernel inet_dist_use_interface {127,0,0,1}} by booting an extra Erlang VM (0.3 s) on every call, so
     * {@link #vmArgs} passes that flag directly.
     */
    static String ctlConfig(Path dir, String node, Ports ports) {
        return "# Throwaway test server written by LocalEjabberd\n"
                + "ERLANG_NODE=" + node + "\n"
                + "ERL_EPMD_ADDRESS=127.0.0.1\n"
                + "ERL_DIST_PORT=" + ports.distribution() + "\n"
                + "EJABBERD_PID_PATH=" + shell(dir.resolve("ejabberd.pid").toString()) + "\n"
                + "EJABBERD_BYPASS_WARNINGS=true\n"
                + "ERL_OPTIONS=\"-env ERL_CRASH_DUMP_BYTES 0\"\n";
    }

    /**
     * {@code vm.args}: ejabberdctl hands it to every Erlang VM it starts (the server and each command), so the
     * cookie reaches both ends without appearing in {@code ps}, and distribution is bound to {@code address}, a
     * loopback IPv4 address.
     */
    static String vmArgs(String cookie, String address) {
        return "-setcookie " + cookie + "\n-kernel inet_dist_use_interface {" + address.replace('.', ',') + "}\n";
    }

    /**
     * {@code ejabberd.yml}: the hosts of {@link LocalServer}, loopback listeners, no shapers, the modules, and the
     * component domain's {@code domain_balancing} if there is one.
     */
    static String yaml(Path dir, Ports ports, String componentSecret, @Nullable ComponentBalancing balancing) {
        StringBuilder y = new StringBuilder();
        y.append("# Throwaway test server written by LocalEjabberd\n");
        // info: the log shows connections and authentication failures, which is what a failed test needs;
        // -Dxmpp.ejabberd.loglevel=debug logs everything, every stream's XML included (slow, and lines are dropped
        // under load); -Dxmpp.ejabberd.debug=mod_stream_mgmt,ejabberd_sm logs those modules fully, the rest at info.
        y.append("loglevel: ").append(System.getProperty("xmpp.ejabberd.loglevel", "info")).append('\n');
        y.append("log_modules_fully: [").append(System.getProperty("xmpp.ejabberd.debug", "")).append("]\n");
        y.append("log_rotate_count: 0\n");
        y.append("hosts:\n");
        for (String host : HOSTS) {
            y.append("  - ").append(host).append('\n');
        }
        y.append("certfiles:\n  - ").append(quoted(dir.resolve("server.pem").toString())).append('\n');
        // Hashed storage; SCRAM-SHA-1 is the default hash, like Prosody's internal_hashed.
        y.append("auth_method: internal\n");
        y.append("auth_password_format: scram\n");
        // As in Debian's sample config. SCRAM-*-PLUS stays offered, as on any real 23.01 server (it binds with
        // tls-unique only, which Java cannot produce: clients must not choose it).
        y.append("disable_sasl_mechanisms:\n  - \"digest-md5\"\n  - \"X-OAUTH2\"\n");
        // No server-to-server traffic: a stanza to another domain fails at once instead of looking up DNS.
        y.append("s2s_access: none\n");
        // No certificate requests to Let's Encrypt (and no warning that they cannot be made).
        y.append("acme:\n  auto: false\n");
        // The default (10000 queued stanzas per session process) would kill sessions that tests flood.
        y.append("max_fsm_queue: 1000000\n");
        y.append("shaper_rules:\n");
        y.append("  max_user_offline_messages: 100000\n");
        apiPermissions(y);
        listeners(y, ports, componentSecret);
        if (balancing != null) {
            domainBalancing(y, balancing);
        }
        // A module list in host_config replaces the global one for that host (it is not merged), so each host
        // gets its whole list and there is no global one.
        y.append("host_config:\n");
        for (String host : HOSTS) {
            y.append("  ").append(host).append(":\n");
            hostOptions(y, host);
            y.append("    modules:\n");
            for (String line : modules(host).split("\n")) {
                y.append("      ").append(line).append('\n');
            }
        }
        return y.toString();
    }

    private static final String[] HOSTS = {LocalServer.DOMAIN, LocalServer.SHA256_DOMAIN,
            LocalServer.ANONYMOUS_DOMAIN, LocalServer.PERF_DOMAIN};

    private static void hostOptions(StringBuilder y, String host) {
        switch (host) {
            case LocalServer.SHA256_DOMAIN -> y.append("    auth_scram_hash: sha256\n");
            case LocalServer.ANONYMOUS_DOMAIN -> y.append("    auth_method: anonymous\n")
                    .append("    anonymous_protocol: sasl_anon\n");
            default -> {
                // the global options
            }
        }
    }

    /**
     * The modules of one host. {@link LocalServer#PERF_DOMAIN} goes without archive, carbons and offline storage
     * (as on Prosody); MUC, pubsub and the HTTP API (whose commands act on every host) hang off
     * {@link LocalServer#DOMAIN} only, so the other hosts have no conference.* or pubsub.* services.
     */
    private static String modules(String host) {
        boolean perf = host.equals(LocalServer.PERF_DOMAIN);
        StringBuilder m = new StringBuilder();
        m.append("mod_disco: {}\n");
        m.append("mod_ping: {}\n");
        m.append("mod_time: {}\n");
        m.append("mod_version: {}\n");
        m.append("mod_roster: {}\n");
        m.append("mod_caps: {}\n");
        // resume_timeout: how long a dropped session waits for XEP-0198 resumption (Prosody's is 30 s too).
        m.append("mod_stream_mgmt:\n  resume_timeout: 30\n  max_ack_queue: infinity\n");
        m.append("mod_privacy: {}\n");
        m.append("mod_blocking: {}\n");
        m.append("mod_private: {}\n");
        if (!perf) {
            m.append("mod_carboncopy: {}\n");
            m.append("mod_offline: {}\n");
            m.append("mod_mam:\n  default: always\n");
        }
        if (host.equals(LocalServer.DOMAIN)) {
            m.append("mod_muc:\n  host: ").append(quoted(LocalServer.MUC_DOMAIN)).append('\n');
            m.append("mod_pubsub:\n  host: ").append(quoted(LocalServer.PUBSUB_DOMAIN)).append('\n');
            m.append("  plugins:\n    - flat\n    - pep\n");
            m.append("mod_http_api: {}\n");
        }
        return m.toString();
    }

    /** ejabberdctl may run anything (it needs the cookie); the HTTP API only {@link EjabberdApi#COMMANDS}. */
    private static void apiPermissions(StringBuilder y) {
        y.append("api_permissions:\n");
        y.append("  \"ejabberdctl\":\n");
        y.append("    from:\n      - ejabberd_ctl\n");
        y.append("    who: all\n");
        y.append("    what: \"*\"\n");
        y.append("  \"accounts over http from loopback\":\n");
        y.append("    from:\n      - mod_http_api\n");
        y.append("    who:\n      ip: 127.0.0.1/8\n");
        y.append("    what:\n");
        for (String command : EjabberdApi.COMMANDS) {
            y.append("      - ").append(command).append('\n');
        }
    }

    /**
     * Everything on 127.0.0.1, a long accept queue, and no {@code shaper} anywhere (the default is none: tests
     * send bursts).
     */
    private static void listeners(StringBuilder y, Ports ports, String componentSecret) {
        y.append("listen:\n");
        listener(y, ports.c2s(), "ejabberd_c2s").append("    starttls_required: true\n");
        listener(y, ports.directTls(), "ejabberd_c2s").append("    tls: true\n");
        listener(y, ports.component(), "ejabberd_service")
                .append("    hosts:\n")
                .append("      ").append(quoted(LocalServer.COMPONENT_DOMAIN)).append(":\n")
                .append("        password: ").append(quoted(componentSecret)).append('\n');
        listener(y, ports.http(), "ejabberd_http")
                .append("    request_handlers:\n")
                .append("      /api: mod_http_api\n");
    }

    /** Both keys, always: a {@code type} without {@code component_number} crashes each component handshake. */
    private static void domainBalancing(StringBuilder y, ComponentBalancing balancing) {
        y.append("domain_balancing:\n")
                .append("  ").append(quoted(LocalServer.COMPONENT_DOMAIN)).append(":\n")
                .append("    type: ").append(balancing.type()).append('\n')
                .append("    component_number: ").append(balancing.componentNumber()).append('\n');
    }

    private static StringBuilder listener(StringBuilder y, int port, String module) {
        return y.append("  -\n    port: ").append(port).append('\n')
                .append("    ip: \"127.0.0.1\"\n")
                // The default accept queue holds 5 connections: a test connecting many clients at once would
                // see some dropped.
                .append("    backlog: 1024\n")
                .append("    module: ").append(module).append('\n');
    }

    /** A YAML double-quoted scalar. */
    static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A shell word in single quotes (ejabberdctl sources its cfg file). */
    private static String shell(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
