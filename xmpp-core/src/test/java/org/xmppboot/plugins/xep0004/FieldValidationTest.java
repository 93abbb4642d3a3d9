package org.xmppboot.plugins.xep0004;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xmppboot.xml.XmlElement;

/** XEP-0122 datatypes, ranges and open lists, on the XEP's examples. */
class FieldValidationTest {

    private static DataForm form(String fields) {
        return DataForm.SCHEMA.wrap(XmlElement.parse("<x xmlns='jabber:x:data' type='form'"
                + " xmlns:xdv='http://jabber.org/protocol/xdata-validate'>" + fields + "</x>"));
    }

    private static Map<String, String> problems(DataForm form, Map<String, ?> answers) {
        try {
            form.validate(form.submit(answers));
            return Map.of();
        } catch (FormValidationException e) {
            return e.problems();
        }
    }

    /** XEP-0122 Example 4, "Range validation". */
    private static final String EVENT_DATE = """
            <field var='evt.date' type='text-single' label='Event Date/Time'>
              <validate xmlns='http://jabber.org/protocol/xdata-validate'
                        datatype='xs:dateTime'>
                <range min='2003-10-05T00:00:00-07:00'
                       max='2003-10-24T23:59:59-07:00'/>
              </validate>
              <value>2003-10-06T11:22:00-07:00</value>
            </field>""";

    @Test
    void dateTimesAreCheckedAgainstTheirRange() {
        DataForm form = form(EVENT_DATE);
        assertThat(form.field("evt.date").getValidation().getDatatype()).isEqualTo("xs:dateTime");
        assertThat(problems(form, Map.of())).as("the default, in range").isEmpty();
        assertThat(problems(form, Map.of("evt.date", "2003-10-24T23:00:00-08:00"))).as("an hour too late")
                .containsKey("evt.date");
        assertThat(problems(form, Map.of("evt.date", "2003-10-25"))).extracting(p -> p.get("evt.date"))
                .asString().contains("not an xs:dateTime");
        assertThat(problems(form, Map.of("evt.date", "2003-10-10T10:00:00Z"))).isEmpty();
    }

    @Test
    void integersDatesAndBooleans() {
        DataForm form = form("""
                <field var='age'><xdv:validate datatype='xs:integer'><xdv:range min='18' max='130'/></xdv:validate></field>
                <field var='day'><xdv:validate datatype='xs:date'><xdv:range min='2024-01-01'/></xdv:validate></field>
                <field var='ok'><xdv:validate datatype='xs:boolean'/></field>
                <field var='small'><xdv:validate datatype='xs:byte'/></field>
                <field var='any'><xdv:validate datatype='x:mine'/></field>""");
        assertThat(problems(form, Map.of("age", "42", "day", "2024-02-29", "ok", "true", "small", "-128",
                "any", "whatever"))).isEmpty();
        assertThat(problems(form, Map.of("age", "17", "day", "2023-12-31", "ok", "yes", "small", "128")))
                .containsOnlyKeys("age", "day", "ok", "small");
        assertThat(problems(form, Map.of("age", "forty"))).containsOnlyKeys("age");
        assertThat(problems(form, Map.of("day", "2024-02-30"))).containsOnlyKeys("day");
    }

    /** XEP-0122 Example 3, "Open validation", and Example 6, "Selection Range validation". */
    @Test
    void openListsTakeOtherValuesAndListRangesCountThem() {
        DataForm form = form("""
                <field var='evt.category' type='list-single' label='Event Category'>
                  <validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:string'>
                    <open/>
                  </validate>
                  <option><value>holiday</value></option>
                  <option><value>reminder</value></option>
                  <option><value>appointment</value></option>
                </field>
                <field var='evt.notify-methods' type='list-multi' label='Notify me by'>
                  <validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:string'>
                    <basic/>
                    <list-range min='1' max='3'/>
                  </validate>
                  <option><value>e-mail</value></option>
                  <option><value>jabber/xmpp</value></option>
                  <option><value>work phone</value></option>
                  <option><value>home phone</value></option>
                  <option><value>cell phone</value></option>
                </field>""");
        assertThat(problems(form, Map.of("evt.category", "birthday", "evt.notify-methods", List.of("e-mail"))))
                .isEmpty();
        assertThat(problems(form, Map.of("evt.notify-methods",
                List.of("e-mail", "work phone", "home phone", "cell phone"))))
                .containsEntry("evt.notify-methods", "takes at most 3 values, not 4");
        assertThat(problems(form, Map.of("evt.notify-methods", List.of("pigeon"))))
                .containsEntry("evt.notify-methods", "'pigeon' is not one of the options");
    }

    @Test
    void buildsValidationElements() {
        DataForm form = DataForm.create(DataForm.Type.FORM);
        form.addField("n", FieldType.TEXT_SINGLE).enableValidation().setDatatype("xs:int").setRange("1", "10");
        assertThat(problems(form, Map.of("n", "11"))).containsEntry("n", "'11' is more than 10");
        assertThat(form.field("n").getValidation().getRangeMax()).isEqualTo("10");
        assertThatThrownBy(() -> form.validate(form.submit(Map.of("n", "0")))).isInstanceOf(
                FormValidationException.class);
    }
}
