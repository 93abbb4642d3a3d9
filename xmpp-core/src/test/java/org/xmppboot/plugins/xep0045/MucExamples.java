package org.xmppboot.plugins.xep0045;

/** XML from XEP-0045's examples, as the room sends it to the third witch (hag66@shakespeare.lit/pda). */
final class MucExamples {

    static final String ROOM = "coven@chat.shakespeare.lit";
    static final String SELF = "hag66@shakespeare.lit/pda";

    /** Example 21 (§7.2.3): an occupant's presence, sent to the newcomer. */
    static final String FIRSTWITCH = "<presence from='coven@chat.shakespeare.lit/firstwitch' id='3DCB0401-D7CF-4E31-"
            + "BE05-EDF8D057BFBD' to='hag66@shakespeare.lit/pda'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='owner' role='moderator'/></x></presence>";
    /** Example 22 (§7.2.3). */
    static final String SECONDWITCH = "<presence from='coven@chat.shakespeare.lit/secondwitch' id='C2CD9EE3-8421-431E-"
            + "854A-A2AD0CE2E23D' to='hag66@shakespeare.lit/pda'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='admin' role='moderator'/></x></presence>";
    /** Example 24 (§7.2.3): the newcomer's own presence, status 110. */
    static final String SELF_PRESENCE = "<presence from='coven@chat.shakespeare.lit/thirdwitch' id='n13mt3l' "
            + "to='hag66@shakespeare.lit/pda'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='member' role='participant'/><status code='110'/></x></presence>";
    /** Example 28 (§7.2.6): a non-anonymous room shows real JIDs. */
    static final String FIRSTWITCH_WITH_JID = "<presence from='coven@chat.shakespeare.lit/firstwitch' "
            + "to='hag66@shakespeare.lit/pda'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='owner' jid='crone1@shakespeare.lit/desktop' role='moderator'/></x></presence>";
    /** Example 33 (§7.2.9): the nick is taken. */
    static final String CONFLICT = "<presence from='coven@chat.shakespeare.lit/thirdwitch' id='n13mt3l' "
            + "to='hag66@shakespeare.lit/pda' type='error'><x xmlns='http://jabber.org/protocol/muc'/>"
            + "<error by='coven@chat.shakespeare.lit' type='cancel'>"
            + "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>";
    /** Example 29 (§7.2.7): a password is needed. */
    static final String NOT_AUTHORIZED = "<presence from='coven@chat.shakespeare.lit/thirdwitch' id='n13mt3l' "
            + "to='hag66@shakespeare.lit/pda' type='error'><x xmlns='http://jabber.org/protocol/muc'/>"
            + "<error by='coven@chat.shakespeare.lit' type='auth'>"
            + "<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>";
    /** Example 44 (§7.2.15): the subject, sent after the history. */
    static final String SUBJECT = "<message from='coven@chat.shakespeare.lit/secondwitch' id='F437C672-D438-4BD3-9BFF-"
            + "091050D32EE2' to='hag66@shakespeare.lit/pda' type='groupchat'>"
            + "<subject>Fire Burn and Cauldron Bubble!</subject></message>";
    /** Example 48 (§7.4): a message from another occupant. */
    static final String MESSAGE = "<message from='coven@chat.shakespeare.lit/firstwitch' id='162BEBB1-F6DB-4D9A-9BD8-"
            + "CFDCC801A0B2' to='hag66@shakespeare.lit/pda' type='groupchat'><body>Thrice the brinded cat hath "
            + "mew'd.</body></message>";
    /** Example 48 (§7.4), reflected back to its sender, the third witch. */
    static final String OWN_MESSAGE = "<message from='coven@chat.shakespeare.lit/thirdwitch' id='own1' "
            + "to='hag66@shakespeare.lit/pda' type='groupchat'><body>Harpier cries: 'tis time, 'tis time."
            + "</body></message>";
    /** Example 41 (§7.2.15): a history message, delayed. */
    static final String HISTORY = "<message from='coven@chat.shakespeare.lit/firstwitch' id='162BEBB1-F6DB-4D9A-9BD8-"
            + "CFDCC801A0B2' to='hag66@shakespeare.lit/pda' type='groupchat'><body>Thrice the brinded cat hath "
            + "mew'd.</body><delay xmlns='urn:xmpp:delay' from='coven@chat.shakespeare.lit' "
            + "stamp='2002-10-13T23:58:37Z'/></message>";
    /** Example 88 (§8.2): the kicked occupant's own unavailable presence. */
    static final String KICKED = "<presence from='coven@chat.shakespeare.lit/thirdwitch' "
            + "to='hag66@shakespeare.lit/pda' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='none'><actor nick='Fluellen'/><reason>Avaunt, you cullion!</reason>"
            + "</item><status code='110'/><status code='307'/></x></presence>";
    /** Example 63 (§7.6): an occupant changes nick; first its unavailable presence with 303. */
    static final String NICK_CHANGE = "<presence from='coven@chat.shakespeare.lit/secondwitch' "
            + "to='hag66@shakespeare.lit/pda' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='admin' nick='oldhag' role='moderator'/><status code='303'/></x></presence>";
    /** Example 64 (§7.6): then its presence under the new nick. */
    static final String NEW_NICK = "<presence from='coven@chat.shakespeare.lit/oldhag' "
            + "to='hag66@shakespeare.lit/pda'><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='admin' role='moderator'/></x></presence>";

    private MucExamples() {
    }
}
