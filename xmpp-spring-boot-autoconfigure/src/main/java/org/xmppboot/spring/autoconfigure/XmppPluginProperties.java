package org.xmppboot.spring.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.xmppboot.plugins.xep0050.AdHocCommandsConfig;
import org.xmppboot.plugins.xep0077.InBandRegistrationConfig;
import org.xmppboot.plugins.xep0085.ChatStatesConfig;
import org.xmppboot.plugins.xep0115.CapsConfig;
import org.xmppboot.plugins.xep0184.ReceiptsConfig;
import org.xmppboot.plugins.xep0191.BlockingConfig;
import org.xmppboot.plugins.xep0249.DirectInvitationsConfig;
import org.xmppboot.plugins.xep0280.CarbonsConfig;
import org.xmppboot.plugins.xep0308.CorrectionConfig;
import org.xmppboot.plugins.xep0313.MamConfig;
import org.xmppboot.plugins.xep0333.ChatMarkersConfig;
import org.xmppboot.plugins.xep0359.StanzaIdConfig;
import org.xmppboot.plugins.xep0363.HttpUploadConfig;
import org.xmppboot.plugins.xep0444.ReactionsConfig;

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

    /** XEP-0115 Entity Capabilities: how the bot announces its features in its presence. */
    private final Caps xep0115 = new Caps();

    /** XEP-0184 Message Delivery Receipts: answering and asking for receipts. */
    private final Receipts xep0184 = new Receipts();

    /** XEP-0085 Chat State Notifications. */
    private final ChatStates xep0085 = new ChatStates();

    /** XEP-0333 Chat Markers. */
    private final ChatMarkers xep0333 = new ChatMarkers();

    /** XEP-0359 Unique and Stable Stanza IDs. */
    private final StanzaIds xep0359 = new StanzaIds();

    /** XEP-0202 Entity Time: what the bot answers when asked its time. */
    private final EntityTime xep0202 = new EntityTime();

    /** XEP-0191 Blocking Command. */
    private final Blocking xep0191 = new Blocking();

    /** XEP-0077 In-Band Registration. */
    private final Registration xep0077 = new Registration();

    /** XEP-0280 Message Carbons. */
    private final Carbons xep0280 = new Carbons();

    /** XEP-0050 Ad-Hoc Commands: the sessions of multi-step commands. */
    private final Commands xep0050 = new Commands();

    /** XEP-0249 Direct MUC Invitations. */
    private final Invitations xep0249 = new Invitations();

    /** XEP-0308 Last Message Correction. */
    private final Remembering xep0308 = new Remembering(CorrectionConfig.DEFAULT.remembered());

    /** XEP-0444 Message Reactions. */
    private final Remembering xep0444 = new Remembering(ReactionsConfig.DEFAULT.remembered());

    /** XEP-0363 HTTP File Upload. */
    private final Upload xep0363 = new Upload();

    /** XEP-0313 Message Archive Management. */
    private final Archive xep0313 = new Archive();

    public SoftwareVersion getXep0092() {
        return xep0092;
    }

    public Ping getXep0199() {
        return xep0199;
    }

    public Caps getXep0115() {
        return xep0115;
    }

    public Receipts getXep0184() {
        return xep0184;
    }

    public ChatStates getXep0085() {
        return xep0085;
    }

    public ChatMarkers getXep0333() {
        return xep0333;
    }

    public StanzaIds getXep0359() {
        return xep0359;
    }

    public EntityTime getXep0202() {
        return xep0202;
    }

    public Blocking getXep0191() {
        return xep0191;
    }

    public Registration getXep0077() {
        return xep0077;
    }

    public Carbons getXep0280() {
        return xep0280;
    }

    public Commands getXep0050() {
        return xep0050;
    }

    public Invitations getXep0249() {
        return xep0249;
    }

    public Remembering getXep0308() {
        return xep0308;
    }

    public Remembering getXep0444() {
        return xep0444;
    }

    public Upload getXep0363() {
        return xep0363;
    }

    public Archive getXep0313() {
        return xep0313;
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

    public static class Caps {

        /** The URI naming the software in the bot's caps (no '#'). */
        private String node = CapsConfig.DEFAULT.node();

        /** The hash function of the verification string: sha-1 (what every client checks), sha-256, ... */
        private String hash = CapsConfig.DEFAULT.hash();

        /** How many verified verification strings (one per client version) are remembered. */
        private int cacheSize = CapsConfig.DEFAULT.cacheSize();

        /** How many contacts' announced capabilities are remembered. */
        private int maxRememberedJids = CapsConfig.DEFAULT.maxRememberedJids();

        public String getNode() {
            return node;
        }

        public void setNode(String node) {
            this.node = node;
        }

        public String getHash() {
            return hash;
        }

        public void setHash(String hash) {
            this.hash = hash;
        }

        public int getCacheSize() {
            return cacheSize;
        }

        public void setCacheSize(int cacheSize) {
            this.cacheSize = cacheSize;
        }

        public int getMaxRememberedJids() {
            return maxRememberedJids;
        }

        public void setMaxRememberedJids(int maxRememberedJids) {
            this.maxRememberedJids = maxRememberedJids;
        }

        CapsConfig toConfig() {
            return new CapsConfig(node, hash, cacheSize, maxRememberedJids);
        }
    }

    public static class Receipts {

        /** Whether to answer receipt requests. */
        private boolean autoAck = ReceiptsConfig.DEFAULT.autoAck();

        /**
         * Whose requests to answer: everyone, or presence-subscribers only (a receipt tells the sender the bot is
         * online, XEP-0184 §8).
         */
        private ReceiptsConfig.AckTo ackTo = ReceiptsConfig.DEFAULT.ackTo();

        /** Whether to ask for a receipt on every outgoing chat or normal message with a body. */
        private boolean autoRequest = ReceiptsConfig.DEFAULT.autoRequest();

        /** How long sendWithReceipt waits for the receipt. */
        private Duration timeout = ReceiptsConfig.DEFAULT.timeout();

        /** How many sendWithReceipt futures may wait at once. */
        private int maxPending = ReceiptsConfig.DEFAULT.maxPending();

        public boolean isAutoAck() {
            return autoAck;
        }

        public void setAutoAck(boolean autoAck) {
            this.autoAck = autoAck;
        }

        public ReceiptsConfig.AckTo getAckTo() {
            return ackTo;
        }

        public void setAckTo(ReceiptsConfig.AckTo ackTo) {
            this.ackTo = ackTo;
        }

        public boolean isAutoRequest() {
            return autoRequest;
        }

        public void setAutoRequest(boolean autoRequest) {
            this.autoRequest = autoRequest;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public int getMaxPending() {
            return maxPending;
        }

        public void setMaxPending(int maxPending) {
            this.maxPending = maxPending;
        }

        ReceiptsConfig toConfig() {
            return new ReceiptsConfig(autoAck, ackTo, autoRequest, timeout, maxPending);
        }
    }

    public static class ChatStates {

        /** Whether outgoing chat messages carry active, as XEP-0085 §5.1 asks (while the contact uses chat states). */
        private boolean activeInMessages = ChatStatesConfig.DEFAULT.activeInMessages();

        /** How many contacts' use of chat states is remembered. */
        private int maxContacts = ChatStatesConfig.DEFAULT.maxContacts();

        public boolean isActiveInMessages() {
            return activeInMessages;
        }

        public void setActiveInMessages(boolean activeInMessages) {
            this.activeInMessages = activeInMessages;
        }

        public int getMaxContacts() {
            return maxContacts;
        }

        public void setMaxContacts(int maxContacts) {
            this.maxContacts = maxContacts;
        }

        ChatStatesConfig toConfig() {
            return new ChatStatesConfig(activeInMessages, maxContacts);
        }
    }

    public static class ChatMarkers {

        /** Whether outgoing chat messages with a body ask for markers (markable). */
        private boolean markOutgoing = ChatMarkersConfig.DEFAULT.markOutgoing();

        public boolean isMarkOutgoing() {
            return markOutgoing;
        }

        public void setMarkOutgoing(boolean markOutgoing) {
            this.markOutgoing = markOutgoing;
        }

        ChatMarkersConfig toConfig() {
            return new ChatMarkersConfig(markOutgoing);
        }
    }

    public static class StanzaIds {

        /** Whether every outgoing message gets an origin-id (XEP-0359 §3), so archives and clients can tell it apart. */
        private boolean originId = StanzaIdConfig.DEFAULT.originId();

        public boolean isOriginId() {
            return originId;
        }

        public void setOriginId(boolean originId) {
            this.originId = originId;
        }
    }

    public static class EntityTime {

        /** The time zone whose offset the bot tells; the system's when unset. */
        private @Nullable ZoneId zone;

        public @Nullable ZoneId getZone() {
            return zone;
        }

        public void setZone(@Nullable ZoneId zone) {
            this.zone = zone;
        }
    }

    public static class Blocking {

        /** Whether each new session fetches the block list, so that it is known without asking. */
        private boolean fetchOnSessionStart = BlockingConfig.DEFAULT.fetchOnSessionStart();

        public boolean isFetchOnSessionStart() {
            return fetchOnSessionStart;
        }

        public void setFetchOnSessionStart(boolean fetchOnSessionStart) {
            this.fetchOnSessionStart = fetchOnSessionStart;
        }
    }

    public static class Registration {

        /**
         * Whether to create the account (xmpp.jid, xmpp.password) by in-band registration before logging in, on
         * servers that allow it; a name already taken fails that connection, and the next one logs in.
         */
        private boolean createAccount = InBandRegistrationConfig.DEFAULT.createAccount();

        /** Further registration fields the server asks for, such as email, by field name. */
        private Map<String, String> fields = new LinkedHashMap<>();

        public boolean isCreateAccount() {
            return createAccount;
        }

        public void setCreateAccount(boolean createAccount) {
            this.createAccount = createAccount;
        }

        public Map<String, String> getFields() {
            return fields;
        }

        public void setFields(Map<String, String> fields) {
            this.fields = fields;
        }
    }

    public static class Carbons {

        /** Whether to ask the server for carbon copies at each new session. */
        private boolean enableOnSessionStart = CarbonsConfig.DEFAULT.enableOnSessionStart();

        public boolean isEnableOnSessionStart() {
            return enableOnSessionStart;
        }

        public void setEnableOnSessionStart(boolean enableOnSessionStart) {
            this.enableOnSessionStart = enableOnSessionStart;
        }
    }

    public static class Archive {

        /** How many archived messages to ask for per page. */
        private int pageSize = MamConfig.DEFAULT.pageSize();

        /** How many handled archive ids are remembered, so that a catch-up hands over each message once. */
        private int rememberedIds = MamConfig.DEFAULT.rememberedIds();

        public int getPageSize() {
            return pageSize;
        }

        public void setPageSize(int pageSize) {
            this.pageSize = pageSize;
        }

        public int getRememberedIds() {
            return rememberedIds;
        }

        public void setRememberedIds(int rememberedIds) {
            this.rememberedIds = rememberedIds;
        }
    }

    public static class Commands {

        /** How long a multi-step command's session waits for its next step before it expires. */
        private Duration sessionTimeout = AdHocCommandsConfig.DEFAULT.sessionTimeout();

        /** How many command sessions may be open at once; the least recently used is forgotten beyond it. */
        private int maxSessions = AdHocCommandsConfig.DEFAULT.maxSessions();

        public Duration getSessionTimeout() {
            return sessionTimeout;
        }

        public void setSessionTimeout(Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
        }

        public int getMaxSessions() {
            return maxSessions;
        }

        public void setMaxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
        }
    }

    public static class Invitations {

        /** Whether to join the rooms the bot is invited to. */
        private boolean autoJoin = DirectInvitationsConfig.DEFAULT.autoJoin();

        /** The nick to join invited rooms with; the localpart of xmpp.jid when unset. */
        private @Nullable String nick;

        public boolean isAutoJoin() {
            return autoJoin;
        }

        public void setAutoJoin(boolean autoJoin) {
            this.autoJoin = autoJoin;
        }

        public @Nullable String getNick() {
            return nick;
        }

        public void setNick(@Nullable String nick) {
            this.nick = nick;
        }
    }

    public static class Remembering {

        /** How many messages (and their senders) are remembered, to check what later stanzas refer to. */
        private int remembered;

        Remembering(int remembered) {
            this.remembered = remembered;
        }

        public int getRemembered() {
            return remembered;
        }

        public void setRemembered(int remembered) {
            this.remembered = remembered;
        }
    }

    public static class Upload {

        /** The upload service to use; found through service discovery on the bot's server when unset. */
        private @Nullable String service;

        /** How long one upload (the HTTP PUT) may take. */
        private Duration httpTimeout = HttpUploadConfig.DEFAULT.httpTimeout();

        public @Nullable String getService() {
            return service;
        }

        public void setService(@Nullable String service) {
            this.service = service;
        }

        public Duration getHttpTimeout() {
            return httpTimeout;
        }

        public void setHttpTimeout(Duration httpTimeout) {
            this.httpTimeout = httpTimeout;
        }
    }
}
