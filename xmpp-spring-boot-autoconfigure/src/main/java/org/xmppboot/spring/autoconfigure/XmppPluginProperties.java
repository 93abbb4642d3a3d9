package org.xmppboot.spring.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the built-in plugins, {@code xmpp.plugin.<plugin name>.*}: {@code xmpp.plugin.xep_0092.name} and
 * {@code xmpp.plugin.xep0092.name} are the same property. They apply whenever the plugin is in use, whether
 * named in {@code xmpp.plugins}, loaded as another plugin's dependency, or defined as a bean.
 */
@ConfigurationProperties("xmpp.plugin")
public class XmppPluginProperties {

    /** XEP-0092 Software Version: what the bot answers when asked which software it runs. */
    private final SoftwareVersion xep0092 = new SoftwareVersion();

    /** XEP-0199 XMPP Ping: a keepalive that notices a dead connection. */
    private final Ping xep0199 = new Ping();

    public SoftwareVersion getXep0092() {
        return xep0092;
    }

    public Ping getXep0199() {
        return xep0199;
    }

    public static class SoftwareVersion {

        /** The software's name; spring.application.name when unset. */
        private @Nullable String name;

        /** The software's version. */
        private String version = "0.1.0";

        /** The operating system to tell; unset (the default) tells none, as XEP-0092 §6 advises. */
        private @Nullable String os;

        public @Nullable String getName() {
            return name;
        }

        public void setName(@Nullable String name) {
            this.name = name;
        }

        public String getVersion() {
            return version;
        }

        public void setVersion(String version) {
            this.version = version;
        }

        public @Nullable String getOs() {
            return os;
        }

        public void setOs(@Nullable String os) {
            this.os = os;
        }
    }

    public static class Ping {

        /** How often to ping the server while connected; unset for no keepalive. */
        private @Nullable Duration keepaliveInterval;

        /** How long a keepalive ping may go unanswered before the connection is ended and re-established. */
        private Duration keepaliveTimeout = Duration.ofSeconds(20);

        public @Nullable Duration getKeepaliveInterval() {
            return keepaliveInterval;
        }

        public void setKeepaliveInterval(@Nullable Duration keepaliveInterval) {
            this.keepaliveInterval = keepaliveInterval;
        }

        public Duration getKeepaliveTimeout() {
            return keepaliveTimeout;
        }

        public void setKeepaliveTimeout(Duration keepaliveTimeout) {
            this.keepaliveTimeout = keepaliveTimeout;
        }
    }
}
