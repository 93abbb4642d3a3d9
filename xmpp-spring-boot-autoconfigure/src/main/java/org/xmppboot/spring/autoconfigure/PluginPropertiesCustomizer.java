package org.xmppboot.spring.autoconfigure;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.xmppboot.jid.Jid;
import org.xmppboot.jid.JidFormatException;
import org.xmppboot.plugin.XmppPlugin;
import org.xmppboot.plugins.xep0050.AdHocCommands;
import org.xmppboot.plugins.xep0050.AdHocCommandsConfig;
import org.xmppboot.plugins.xep0077.InBandRegistration;
import org.xmppboot.plugins.xep0077.InBandRegistrationConfig;
import org.xmppboot.plugins.xep0085.ChatStates;
import org.xmppboot.plugins.xep0092.SoftwareVersion;
import org.xmppboot.plugins.xep0115.EntityCaps;
import org.xmppboot.plugins.xep0184.DeliveryReceipts;
import org.xmppboot.plugins.xep0191.Blocking;
import org.xmppboot.plugins.xep0191.BlockingConfig;
import org.xmppboot.plugins.xep0199.Ping;
import org.xmppboot.plugins.xep0199.PingConfig;
import org.xmppboot.plugins.xep0202.EntityTime;
import org.xmppboot.plugins.xep0202.EntityTimeConfig;
import org.xmppboot.plugins.xep0249.DirectInvitations;
import org.xmppboot.plugins.xep0249.DirectInvitationsConfig;
import org.xmppboot.plugins.xep0280.CarbonsConfig;
import org.xmppboot.plugins.xep0280.MessageCarbons;
import org.xmppboot.plugins.xep0308.CorrectionConfig;
import org.xmppboot.plugins.xep0308.MessageCorrection;
import org.xmppboot.plugins.xep0313.MamConfig;
import org.xmppboot.plugins.xep0313.MessageArchive;
import org.xmppboot.plugins.xep0333.ChatMarkers;
import org.xmppboot.plugins.xep0359.StanzaIdConfig;
import org.xmppboot.plugins.xep0359.StanzaIds;
import org.xmppboot.plugins.xep0363.HttpUpload;
import org.xmppboot.plugins.xep0363.HttpUploadConfig;
import org.xmppboot.plugins.xep0444.MessageReactions;
import org.xmppboot.plugins.xep0444.ReactionsConfig;

/**
 * Applies {@code xmpp.plugin.*} to each built-in plugin just before it is initialised, unless the application
 * made the plugin itself as a bean: that one it configured in Java, and the properties' defaults must not undo it.
 */
final class PluginPropertiesCustomizer implements Consumer<XmppPlugin> {

    private final XmppPluginProperties properties;
    private final String applicationName;
    private final Set<XmppPlugin> beans = Collections.newSetFromMap(new IdentityHashMap<>());

    PluginPropertiesCustomizer(XmppPluginProperties properties, String applicationName, List<XmppPlugin> beans) {
        this.properties = properties;
        this.applicationName = applicationName;
        this.beans.addAll(beans);
    }

    @Override
    public void accept(XmppPlugin plugin) {
        if (beans.contains(plugin)) {
            return;
        }
        if (plugin instanceof SoftwareVersion version) {
            XmppPluginProperties.SoftwareVersion p = properties.getXep0092();
            version.set(p.getName() != null ? p.getName() : applicationName, p.getVersion(), p.getOs());
        } else if (plugin instanceof Ping ping) {
            XmppPluginProperties.Ping p = properties.getXep0199();
            ping.configure(new PingConfig(p.getKeepaliveInterval(), p.getKeepaliveTimeout()));
        } else if (plugin instanceof EntityCaps caps) {
            caps.configure(properties.getXep0115().toConfig());
        } else if (plugin instanceof DeliveryReceipts receipts) {
            receipts.configure(properties.getXep0184().toConfig());
        } else if (plugin instanceof ChatStates chatStates) {
            chatStates.configure(properties.getXep0085().toConfig());
        } else if (plugin instanceof ChatMarkers markers) {
            markers.configure(properties.getXep0333().toConfig());
        } else if (plugin instanceof StanzaIds stanzaIds) {
            stanzaIds.configure(new StanzaIdConfig(properties.getXep0359().isOriginId()));
        } else if (plugin instanceof EntityTime time) {
            time.configure(new EntityTimeConfig(properties.getXep0202().getZone()));
        } else if (plugin instanceof Blocking blocking) {
            blocking.configure(new BlockingConfig(properties.getXep0191().isFetchOnSessionStart()));
        } else if (plugin instanceof AdHocCommands commands) {
            XmppPluginProperties.Commands p = properties.getXep0050();
            commands.configure(new AdHocCommandsConfig(p.getSessionTimeout(), p.getMaxSessions()));
        } else if (plugin instanceof DirectInvitations invitations) {
            XmppPluginProperties.Invitations p = properties.getXep0249();
            invitations.configure(new DirectInvitationsConfig(p.isAutoJoin(), p.getNick()));
        } else if (plugin instanceof MessageCorrection correction) {
            correction.configure(new CorrectionConfig(properties.getXep0308().getRemembered()));
        } else if (plugin instanceof MessageReactions reactions) {
            reactions.configure(new ReactionsConfig(properties.getXep0444().getRemembered()));
        } else if (plugin instanceof HttpUpload upload) {
            XmppPluginProperties.Upload p = properties.getXep0363();
            upload.configure(new HttpUploadConfig(p.getService() == null ? null
                    : jid("xmpp.plugin.xep0363.service", p.getService()), p.getHttpTimeout()));
        } else if (plugin instanceof MessageCarbons carbons) {
            carbons.configure(new CarbonsConfig(properties.getXep0280().isEnableOnSessionStart()));
        } else if (plugin instanceof MessageArchive archive) {
            XmppPluginProperties.Archive p = properties.getXep0313();
            archive.configure(new MamConfig(p.getPageSize(), p.getRememberedIds()));
        } else if (plugin instanceof InBandRegistration registration) {
            XmppPluginProperties.Registration p = properties.getXep0077();
            registration.configure(new InBandRegistrationConfig(p.isCreateAccount(), Map.copyOf(p.getFields())));
        }
    }

    private static Jid jid(String property, String value) {
        try {
            return Jid.of(value);
        } catch (JidFormatException e) {
            throw new InvalidXmppPropertyException(property, e.getMessage(), "Use a JID such as upload.example.org.");
        }
    }
}
