package org.xmppboot.plugins.xep0313;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Iq;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * {@code <prefs xmlns='urn:xmpp:mam:2' default='..'><always/><never/></prefs>} (XEP-0441 §2.1): our account's
 * archiving preferences, asked for with an empty one in an iq get, changed with a full one in an iq set, and
 * answered with those in force. Reached on an iq as {@code mam_prefs}.
 */
public final class MamPrefs extends ElementBase {

    public static final Schema<MamPrefs> SCHEMA = Schema.builder("prefs", MessageArchive.NAMESPACE, MamPrefs::new)
            .extensionName("mam_prefs")
            .attribute("default")
            .build();

    static {
        Iq.SCHEMA.registerExtension(SCHEMA);
    }

    public MamPrefs(XmlElement xml) {
        super(xml);
    }

    /** The empty element of a request for the preferences (§2.1, "Retrieving archiving preferences"). */
    public static MamPrefs request() {
        return new MamPrefs(new XmlElement("prefs", MessageArchive.NAMESPACE));
    }

    /** The element that sets these preferences, with both lists present even when empty. */
    public static MamPrefs of(ArchivePreferences preferences) {
        MamPrefs prefs = request();
        prefs.xml.setAttribute("default", preferences.defaultBehaviour().value());
        addList(prefs.xml, "always", preferences.always());
        addList(prefs.xml, "never", preferences.never());
        return prefs;
    }

    private static void addList(XmlElement prefs, String name, List<Jid> jids) {
        XmlElement list = prefs.addElement(name, MessageArchive.NAMESPACE);
        for (Jid jid : jids) {
            list.addElement("jid", MessageArchive.NAMESPACE).setText(jid.toString());
        }
    }

    @Override
    public Schema<MamPrefs> schema() {
        return SCHEMA;
    }

    /** The default behaviour, or null when absent or not one of §2.1.1's values. */
    public @Nullable ArchivingDefault getDefault() {
        return ArchivingDefault.fromValue(xml.attribute("default"));
    }

    /** The JIDs always archived; empty when the list is absent (§2.1.2). Entries that are no JID are skipped. */
    public List<Jid> getAlways() {
        return jids("always");
    }

    /** The JIDs never archived; empty when the list is absent (§2.1.3). Entries that are no JID are skipped. */
    public List<Jid> getNever() {
        return jids("never");
    }

    /** These preferences, or null when the element has no valid default, which §2.1 says it must have. */
    public @Nullable ArchivePreferences toPreferences() {
        ArchivingDefault behaviour = getDefault();
        return behaviour == null ? null : new ArchivePreferences(behaviour, getAlways(), getNever());
    }

    private List<Jid> jids(String listName) {
        XmlElement list = xml.element(listName, MessageArchive.NAMESPACE);
        if (list == null) {
            return List.of();
        }
        List<Jid> jids = new ArrayList<>();
        for (XmlElement entry : list.elements("jid", MessageArchive.NAMESPACE)) {
            Jid jid = Jid.ofOrNull(entry.text().strip());
            if (jid != null) {
                jids.add(jid);
            }
        }
        return List.copyOf(jids);
    }
}
