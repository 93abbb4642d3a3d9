package org.xmppboot.plugins.xep0115;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.xmppboot.plugins.xep0004.DataForm;
import org.xmppboot.plugins.xep0030.DiscoInfo;
import org.xmppboot.plugins.xep0030.ServiceDiscovery.Identity;
import org.xmppboot.xml.XmlElement;

/** XEP-0115 §5's generation examples, and §5.4's checks. */
class VerificationStringTest {

    static final List<String> SIMPLE_FEATURES = List.of("http://jabber.org/protocol/disco#info",
            "http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/muc",
            "http://jabber.org/protocol/caps");

    /** §5.2: client/pc "Exodus 0.9.1" with four features (listed unsorted here). */
    static final DiscoInfo SIMPLE = new DiscoInfo(null, List.of(new Identity("client", "pc", "Exodus 0.9.1")),
            SIMPLE_FEATURES, List.of());

    /** §5.3's disco#info result. */
    static final String COMPLEX_QUERY = """
            <query xmlns='http://jabber.org/protocol/disco#info'
                   node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>
              <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
              <identity xml:lang='el' category='client' name='&#936; 0.11' type='pc'/>
              <feature var='http://jabber.org/protocol/caps'/>
              <feature var='http://jabber.org/protocol/disco#info'/>
              <feature var='http://jabber.org/protocol/disco#items'/>
              <feature var='http://jabber.org/protocol/muc'/>
              <x xmlns='jabber:x:data' type='result'>
                <field var='FORM_TYPE' type='hidden'>
                  <value>urn:xmpp:dataforms:softwareinfo</value>
                </field>
                <field var='ip_version' type='text-multi' >
                  <value>ipv4</value>
                  <value>ipv6</value>
                </field>
                <field var='os'>
                  <value>Mac</value>
                </field>
                <field var='os_version'>
                  <value>10.5.1</value>
                </field>
                <field var='software'>
                  <value>Psi</value>
                </field>
                <field var='software_version'>
                  <value>0.11</value>
                </field>
              </x>
            </query>""";

    @Test
    void theSimpleExample() {
        assertThat(VerificationString.input(SIMPLE)).isEqualTo("client/pc//Exodus 0.9.1<"
                + "http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
                + "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<");
        assertThat(VerificationString.of(SIMPLE, "sha-1")).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
        assertThat(VerificationString.verify(SIMPLE, "sha-1", "QgayPKawpkPSDYmwT/WM94uAlu0=")).isTrue();
    }

    @Test
    void theComplexExample() {
        DiscoInfo info = DiscoInfo.parse(XmlElement.parse(COMPLEX_QUERY));
        assertThat(VerificationString.input(info)).isEqualTo("client/pc/el/\u03a8 0.11<client/pc/en/Psi 0.11<"
                + "http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
                + "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<"
                + "urn:xmpp:dataforms:softwareinfo<"
                + "ip_version<ipv4<ipv6<os<Mac<os_version<10.5.1<software<Psi<software_version<0.11<");
        assertThat(VerificationString.of(info, "sha-1")).isEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
    }

    @Test
    void otherHashFunctionsGiveOtherStrings() {
        assertThat(VerificationString.of(SIMPLE, "sha-256")).hasSize(44).isNotEqualTo(
                VerificationString.of(SIMPLE, "sha-1"));
        assertThat(VerificationString.verify(SIMPLE, "sha-1", "66/0NaeaBKkwk85efJTGmU47vXI=")).isFalse();
        assertThat(VerificationString.isSupported("sha-999")).isFalse();
        assertThat(VerificationString.verify(SIMPLE, "sha-999", "QgayPKawpkPSDYmwT/WM94uAlu0=")).isFalse();
    }

    /** §5.4 step 3.3 to 3.5: an answer with duplicates is ill-formed, whatever it hashes to. */
    @Test
    void duplicatesMakeAnAnswerIllFormed() {
        List<String> twice = new java.util.ArrayList<>(SIMPLE_FEATURES);
        twice.add("http://jabber.org/protocol/muc");
        DiscoInfo duplicateFeature = new DiscoInfo(null, SIMPLE.identities(), twice, List.of());
        assertThat(VerificationString.problems(duplicateFeature)).singleElement().asString().contains("muc");
        assertThat(VerificationString.verify(duplicateFeature, "sha-1",
                VerificationString.of(duplicateFeature, "sha-1"))).isFalse();

        DiscoInfo duplicateIdentity = new DiscoInfo(null, List.of(SIMPLE.identities().get(0),
                SIMPLE.identities().get(0)), SIMPLE_FEATURES, List.of());
        assertThat(VerificationString.problems(duplicateIdentity)).hasSize(1);

        DiscoInfo complex = DiscoInfo.parse(XmlElement.parse(COMPLEX_QUERY));
        DiscoInfo twoForms = new DiscoInfo(null, complex.identities(), complex.features(),
                List.of(complex.forms().get(0), complex.forms().get(0)));
        assertThat(VerificationString.problems(twoForms)).singleElement().asString().contains("two forms");

        DataForm twoTypes = DataForm.SCHEMA.wrap(complex.forms().get(0).xml().copy());
        twoTypes.field(DataForm.FORM_TYPE).setValues(List.of("urn:a", "urn:b"));
        assertThat(VerificationString.problems(new DiscoInfo(null, complex.identities(), complex.features(),
                List.of(twoTypes)))).singleElement().asString().contains("differing values");
        assertThat(VerificationString.problems(complex)).isEmpty();
    }

    /** §5.4 step 3.6: a form whose FORM_TYPE is missing or not hidden does not count. */
    @Test
    void formsWithoutAHiddenFormTypeAreLeftOut() {
        DiscoInfo complex = DiscoInfo.parse(XmlElement.parse(COMPLEX_QUERY));
        DataForm notHidden = DataForm.SCHEMA.wrap(complex.forms().get(0).xml().copy());
        notHidden.field(DataForm.FORM_TYPE).setFieldType(null);
        DiscoInfo withIt = new DiscoInfo(null, SIMPLE.identities(), SIMPLE.features(), List.of(notHidden));
        assertThat(VerificationString.of(withIt, "sha-1")).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
    }

    /** §5.1: sorting compares UTF-8 octets, which differs from Java's UTF-16 order above U+FFFF. */
    @Test
    void sortingIsByOctets() {
        String fullwidthTilde = "\uff5e";
        String emoji = "\ud83d\ude00";
        assertThat(fullwidthTilde.compareTo(emoji)).as("UTF-16 order").isPositive();
        assertThat(VerificationString.OCTET.compare(fullwidthTilde, emoji)).as("octet order").isNegative();
        DiscoInfo info = new DiscoInfo(null, List.of(new Identity("client", "bot", null)),
                List.of(emoji, fullwidthTilde), List.of());
        assertThat(VerificationString.input(info)).isEqualTo("client/bot//<" + fullwidthTilde + "<" + emoji + "<");
    }
}
