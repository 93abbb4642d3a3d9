package org.xmppboot.plugins.xep0004;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.xml.XmlElement;

/** Data forms read, filled in and checked, on XEP-0004's own examples. */
class DataFormTest {

    private static DataForm parse(String xml) {
        return DataForm.SCHEMA.wrap(XmlElement.parse(xml));
    }

    private static final Map<String, Object> ROMEOS_ANSWERS = Map.of(
            "botname", "The Jabber Google Bot",
            "description", "This bot enables you to send requests to\nGoogle and receive the search results right\n"
                    + "in your Jabber client. It' really cool!\nIt even supports Google News!",
            "public", false,
            "password", "v3r0na",
            "maxsubs", "50",
            "invitelist", List.of(Jid.of("juliet@capulet.com"), Jid.of("benvolio@montague.net")));

    @Test
    void readsTheBotCreationForm() {
        DataForm form = parse(XepExamples.BOT_CREATION_FORM);
        assertThat(form.getFormType()).isEqualTo(DataForm.Type.FORM);
        assertThat(form.getTitle()).isEqualTo("Bot Configuration");
        assertThat(form.getInstructions()).containsExactly("Fill out this form to configure your new bot!");
        assertThat(form.getFormTypeName()).isEqualTo("jabber:bot");
        assertThat(form.fields()).extracting(FormField::getFieldType).containsExactly(FieldType.HIDDEN,
                FieldType.FIXED, FieldType.TEXT_SINGLE, FieldType.TEXT_MULTI, FieldType.BOOLEAN,
                FieldType.TEXT_PRIVATE, FieldType.FIXED, FieldType.LIST_MULTI, FieldType.FIXED,
                FieldType.LIST_SINGLE, FieldType.FIXED, FieldType.JID_MULTI);
        assertThat(form.field("public").isRequired()).isTrue();
        assertThat(form.field("public").getBoolean()).as("§3.3: a boolean defaults to false").isFalse();
        assertThat(form.field("botname").isRequired()).isFalse();
        assertThat(form.field("botname").getLabel()).isEqualTo("The name of your bot");
        assertThat(form.field("features").options()).hasSize(5)
                .startsWith(new FormOption("contests", "Contests"));
        assertThat(form.field("features").typedValue()).isEqualTo(List.of("news", "search"));
        assertThat(form.field("maxsubs").typedValue()).isEqualTo("20");
        assertThat(form.field("maxsubs").options()).extracting(FormOption::value)
                .containsExactly("10", "20", "30", "50", "100", "none");
        assertThat(form.field("invitelist").getDesc()).isEqualTo("Tell all your friends about your new bot!");
        assertThat(form.field("invitelist").getJids()).isEmpty();
        assertThat(form.get("title")).isEqualTo("Bot Configuration");
    }

    @Test
    void submittingTheFormGivesTheXepsSubmission() {
        DataForm form = parse(XepExamples.BOT_CREATION_FORM);
        DataForm submission = form.submit(ROMEOS_ANSWERS);
        DataForm expected = parse(XepExamples.BOT_CREATION_SUBMISSION);

        assertThat(submission.getFormType()).isEqualTo(DataForm.Type.SUBMIT);
        assertThat(submission.fields()).extracting(FormField::getVar)
                .containsExactlyElementsOf(expected.fields().stream().map(FormField::getVar).toList());
        for (FormField field : expected.fields()) {
            assertThat(submission.field(field.getVar()).getValues()).as(field.getVar())
                    .isEqualTo(field.getValues());
            assertThat(submission.field(field.getVar()).getFieldType()).isEqualTo(field.getFieldType());
        }
        form.validate(submission);
        form.validate(expected);
    }

    @Test
    void readsTheSubmissionTyped() {
        DataForm submission = parse(XepExamples.BOT_CREATION_SUBMISSION);
        assertThat(submission.field("public").getBoolean()).isFalse();
        assertThat(submission.field("invitelist").getJids())
                .containsExactly(Jid.of("juliet@capulet.com"), Jid.of("benvolio@montague.net"));
        assertThat(submission.field("description").getText()).startsWith("This bot enables you to send requests to\n"
                + "Google and receive").endsWith("It even supports Google News!");
        assertThat(submission.values()).containsEntry("features", List.of("news", "search"))
                .containsEntry("public", false).containsEntry("maxsubs", "50").containsEntry("FORM_TYPE", "jabber:bot");
    }

    @Test
    void booleansTakeTheFourSpellingsOfXsBoolean() {
        DataForm form = parse(XepExamples.BOT_CREATION_FORM);
        for (String yes : List.of("1", "true")) {
            DataForm submission = parse(XepExamples.BOT_CREATION_SUBMISSION);
            submission.field("public").setValues(List.of(yes));
            assertThat(submission.field("public").getBoolean()).isTrue();
            form.validate(submission);
        }
        for (String no : List.of("0", "false")) {
            assertThat(DataForm.create(DataForm.Type.SUBMIT).addField("b", FieldType.BOOLEAN)
                    .setValues(List.of(no)).getBoolean()).isFalse();
        }
        FormField yes = DataForm.create(DataForm.Type.SUBMIT).addField("b", FieldType.BOOLEAN).setValue(true);
        assertThat(yes.getValues()).containsExactly("1");
        FormField bad = DataForm.create(DataForm.Type.SUBMIT).addField("b", FieldType.BOOLEAN)
                .setValues(List.of("yes"));
        assertThatThrownBy(bad::getBoolean).isInstanceOf(IllegalStateException.class).hasMessageContaining("yes");
        assertThat(bad.typedValue()).as("reading everything never throws for a peer's mistake").isNull();
    }

    @Test
    void validationNamesEveryFieldInError() {
        DataForm form = parse(XepExamples.BOT_CREATION_FORM);
        Map<String, Object> answers = new HashMap<>(ROMEOS_ANSWERS);
        answers.remove("public");
        answers.put("maxsubs", "5");
        answers.put("invitelist", List.of("juliet@capulet.com", "not@a@jid"));
        answers.put("features", List.of("news", "weather"));
        DataForm submission = form.submit(answers);
        submission.field("public").setValues(List.of());
        submission.field("botname").xml().addElement("value", DataForm.NAMESPACE).setText("second name");

        assertThatThrownBy(() -> form.validate(submission))
                .isInstanceOfSatisfying(FormValidationException.class, e -> {
                    assertThat(e.problems()).containsOnlyKeys("public", "maxsubs", "invitelist", "features",
                            "botname");
                    assertThat(e.problems().get("public")).isEqualTo("required");
                    assertThat(e.problems().get("maxsubs")).contains("'5' is not one of the options");
                    assertThat(e.problems().get("invitelist")).contains("'not@a@jid' is not a valid JID");
                    assertThat(e.problems().get("features")).contains("'weather'");
                    assertThat(e.problems().get("botname")).contains("takes one value, not 2");
                    // XEP-0004 §4: invalid data is answered not-acceptable.
                    assertThat(e.condition()).isEqualTo(StanzaError.Condition.NOT_ACCEPTABLE);
                    assertThat(e.text()).contains("public: required");
                });
    }

    @Test
    void onlyASubmissionSubmits() {
        DataForm form = parse(XepExamples.BOT_CREATION_FORM);
        assertThatThrownBy(() -> form.validate(DataForm.cancel()))
                .isInstanceOfSatisfying(FormValidationException.class,
                        e -> assertThat(e.problems()).containsOnlyKeys(FormValidationException.FORM));
        assertThat(DataForm.cancel().xml().toXml()).isEqualTo("<x xmlns=\"jabber:x:data\" type=\"cancel\"/>");
    }

    @Test
    void fieldsTheFormDoesNotHaveAreIgnored() {
        DataForm form = parse(XepExamples.BOT_CREATION_FORM);
        Map<String, Object> answers = new HashMap<>(ROMEOS_ANSWERS);
        answers.put("colour", "red");
        DataForm submission = form.submit(answers);
        assertThat(submission.field("colour").getValue()).isEqualTo("red");
        form.validate(submission);
    }

    @Test
    void aSingleValueFieldRefusesSeveralValuesAndNamesAreUnique() {
        FormField field = DataForm.create(DataForm.Type.FORM).addField("name", FieldType.TEXT_SINGLE);
        assertThatThrownBy(() -> field.setValue(List.of("a", "b"))).isInstanceOf(IllegalArgumentException.class);
        DataForm form = DataForm.create(DataForm.Type.FORM);
        form.addField("name", null);
        assertThatThrownBy(() -> form.addField("name", FieldType.TEXT_SINGLE))
                .as("§3.2: var identifies the field").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsMultiItemResults() {
        DataForm results = parse(XepExamples.SEARCH_RESULTS);
        assertThat(results.reportedFields()).extracting(FormField::getVar).containsExactly("name", "url");
        assertThat(results.items()).hasSize(3);
        assertThat(results.items().get(1).values())
                .containsExactly(Map.entry("name", "benvenuto!"), Map.entry("url", "http://www.hellasverona.it/"));
        assertThat(results.fields()).isEmpty();
    }

    @Test
    void buildsMultiItemResultsWithTheReportedFieldsFirst() {
        DataForm results = DataForm.create(DataForm.Type.RESULT).setTitle("Joogle Search: verona");
        results.addReportedField("name", null, null);
        results.addItem(Map.of("name", "benvenuto!"));
        // A column added after the first row still goes into <reported/>, which stays before the items.
        results.addReportedField("url", FieldType.TEXT_SINGLE, "URL");
        results.addItem(Map.of("name", "Aeroporti del Garda", "url", "http://www.aeroportoverona.it/"));

        List<String> order = results.xml().elements().stream().map(XmlElement::name).toList();
        assertThat(order).containsExactly("title", "reported", "item", "item");
        assertThat(results.reportedFields()).extracting(FormField::getVar).containsExactly("name", "url");
        assertThat(results.items().get(1).values()).containsEntry("url", "http://www.aeroportoverona.it/");
    }

    @Test
    void valuesAreSetByNameAsAMap() {
        DataForm form = parse(XepExamples.BOT_CREATION_FORM);
        form.set("values", Map.of("public", true, "features", List.of("polls"), "extra", "x"));
        assertThat(form.field("public").getValues()).containsExactly("1");
        assertThat(form.field("features").getValues()).containsExactly("polls");
        assertThat(form.field("extra").getDeclaredType()).isNull();
        assertThat(form.get("values")).isEqualTo(form.values());
    }

    @Test
    void theFormTypeFieldComesFirst() {
        DataForm form = DataForm.create(DataForm.Type.FORM);
        form.addField("a", FieldType.TEXT_SINGLE);
        form.setFormTypeName("urn:example");
        assertThat(form.fields()).extracting(FormField::getVar).containsExactly("FORM_TYPE", "a");
        assertThat(form.field("FORM_TYPE").getFieldType()).isEqualTo(FieldType.HIDDEN);
    }

    @Test
    void unknownFieldTypesAreTextSingle() {
        DataForm form = parse("<x xmlns='jabber:x:data' type='form'><field var='a' type='colour'/><field var='b'/>"
                + "<field><value>no var</value></field></x>");
        assertThat(form.field("a").getFieldType()).isEqualTo(FieldType.TEXT_SINGLE);
        assertThat(form.field("b").getFieldType()).isEqualTo(FieldType.TEXT_SINGLE);
        assertThat(form.field("b").getDeclaredType()).isNull();
        assertThat(form.values()).containsOnlyKeys("a", "b");

        DataForm odd = parse("<x xmlns='jabber:x:data' type='submit'><field var='j' type='jid-multi'>"
                + "<value>a@b</value><value>@@</value><value>a@b</value></field>"
                + "<field var='s' type='jid-single'><value>@@</value></field></x>");
        assertThat(odd.values()).containsEntry("j", List.of(Jid.of("a@b"))).containsEntry("s", null);
    }
}
