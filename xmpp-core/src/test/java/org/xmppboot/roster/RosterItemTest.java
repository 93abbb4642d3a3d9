package org.xmppboot.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.Iq;
import org.xmppboot.xml.XmlElement;

/** Roster items and the roster query element (RFC 6121 §2.1). */
class RosterItemTest {

    private static XmlElement item(String xml) {
        return XmlElement.parse(xml.replace("<item ", "<item xmlns='jabber:iq:roster' "));
    }

    @Test
    void readsEveryAttributeOfAnItem() {
        RosterItem item = RosterItem.fromXml(item("<item jid='romeo@example.net' name='Romeo' subscription='from' "
                + "ask='subscribe' approved='true'><group>Friends</group><group>Lovers</group></item>"));
        assertThat(item).isEqualTo(new RosterItem(Jid.of("romeo@example.net"), "Romeo",
                Set.of("Friends", "Lovers"), Subscription.FROM, true, true));
        assertThat(item.groups()).containsExactly("Friends", "Lovers");
        assertThat(item.subscription().fromContact()).isTrue();
        assertThat(item.subscription().toContact()).isFalse();
    }

    @Test
    void absentOrUnknownValuesReadAsTheirDefaults() {
        RosterItem item = RosterItem.fromXml(item("<item jid='nurse@example.com' name='' subscription='weird' "
                + "ask='maybe'><group></group></item>"));
        assertThat(item).isEqualTo(RosterItem.of(Jid.of("nurse@example.com")));
        assertThat(item.name()).as("an empty name is none").isNull();
        assertThat(item.groups()).as("an empty group is skipped").isEmpty();
    }

    @Test
    void anItemWithoutAValidJidIsRefused() {
        assertThatThrownBy(() -> RosterItem.fromXml(item("<item name='x'/>")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RosterItem.fromXml(item("<item jid='@example.com'/>")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RosterItem.of(Jid.of("a@example.com")).withGroups("ok", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRosterSetCarriesOnlyJidNameAndGroups() {
        RosterItem item = new RosterItem(Jid.of("nurse@example.com"), "Nurse", Set.of("Servants"),
                Subscription.BOTH, true, true);
        assertThat(item.toSetXml().toXml()).isEqualTo("<item xmlns=\"jabber:iq:roster\" jid=\"nurse@example.com\" "
                + "name=\"Nurse\"><group>Servants</group></item>");
        assertThat(RosterItem.fromXml(item.toXml())).as("the full form reads back").isEqualTo(item);
    }

    @Test
    void theQuerySkipsBadItemsAndIsAnIqPlugin() {
        Iq iq = new Iq(XmlElement.parse("<iq xmlns='jabber:client' type='result' id='r'>"
                + "<query xmlns='jabber:iq:roster' ver='ver7'><item jid='a@example.com'/><item/>"
                + "<item jid='b@example.com' subscription='both'/></query></iq>"));
        RosterQuery query = RosterQuery.of(iq);
        assertThat(query).isNotNull();
        assertThat(query.getVersion()).isEqualTo("ver7");
        List<RosterItem> items = query.getItems();
        assertThat(items).extracting(i -> i.jid().toString()).containsExactly("a@example.com", "b@example.com");
        assertThat(iq.get("roster")).isInstanceOf(RosterQuery.class);
        assertThat(iq.match("iq@type=result/roster")).isTrue();
        assertThat(RosterQuery.of(new Iq(XmlElement.parse("<iq xmlns='jabber:client' type='result' id='r'/>"))))
                .as("an empty result has no query").isNull();
    }

    @Test
    void changesSayWhatHappened() {
        RosterItem none = RosterItem.of(Jid.of("a@example.com"));
        RosterItem from = new RosterItem(none.jid(), null, Set.of(), Subscription.FROM, false, false);
        assertThat(new RosterChange(none.jid(), null, none).isAdded()).isTrue();
        assertThat(new RosterChange(none.jid(), null, none).subscriptionChanged()).isFalse();
        assertThat(new RosterChange(none.jid(), none, from).subscriptionChanged()).isTrue();
        assertThat(new RosterChange(none.jid(), from, null).isRemoved()).isTrue();
    }
}
