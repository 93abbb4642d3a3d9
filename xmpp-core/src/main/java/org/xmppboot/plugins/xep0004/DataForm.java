package org.xmppboot.plugins.xep0004;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Message;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;
import org.xmppboot.xml.XmlNode;

/**
 * A data form, {@code <x xmlns='jabber:x:data'/>} (XEP-0004): a form to fill in, its submission, a cancellation
 * or a result, with a title, instructions and fields; a result may instead hold a table of items described by
 * its {@code <reported/>} fields (§3.4). Reached as the {@code form} extension of a {@link Message}.
 *
 * <p>The usual exchange: the bot builds a form ({@link #create}, {@link #addField}), sends it, receives the
 * submission, checks it with {@link #validate} and reads its values with {@link #field}'s typed getters. The
 * other way round, {@link #submit} fills in a received form.
 */
public final class DataForm extends ElementBase {

    public static final String NAMESPACE = "jabber:x:data";
    /** The hidden field that names the kind of form (XEP-0068). */
    public static final String FORM_TYPE = "FORM_TYPE";

    /** The form types of XEP-0004 §3.1. */
    public enum Type {
        FORM, SUBMIT, CANCEL, RESULT;

        private final String value = name().toLowerCase(Locale.ROOT);

        public String value() {
            return value;
        }

        /** The type of that name, or null. */
        public static @Nullable Type fromValue(@Nullable String value) {
            for (Type type : values()) {
                if (type.value.equals(value)) {
                    return type;
                }
            }
            return null;
        }
    }

    public static final Schema<DataForm> SCHEMA = Schema.builder("x", NAMESPACE, DataForm::new)
            .extensionName("form")
            .attribute("type")
            .childText("title")
            .custom("instructions", f -> f.getInstructions().isEmpty() ? null : String.join("\n", f.getInstructions()),
                    (f, v) -> f.setInstructions(v == null ? List.of() : List.of(v.toString().split("\n"))),
                    f -> f.setInstructions(List.of()))
            .custom("values", DataForm::values, (f, v) -> f.setValues((Map<?, ?>) v),
                    f -> f.fields().forEach(field -> field.setValues(List.of())))
            .build();

    static {
        Message.SCHEMA.registerExtension(SCHEMA);
    }

    public DataForm(XmlElement xml) {
        super(xml);
    }

    /** A new, empty form of this type. */
    public static DataForm create(Type type) {
        DataForm form = SCHEMA.create(NAMESPACE);
        form.xml.setAttribute("type", type.value());
        return form;
    }

    /** A form of type cancel: the submitter declines to fill in a form (§3.1). */
    public static DataForm cancel() {
        return create(Type.CANCEL);
    }

    @Override
    public Schema<DataForm> schema() {
        return SCHEMA;
    }

    /** The type, or null when absent or not one of §3.1's. */
    public @Nullable Type getFormType() {
        return Type.fromValue(xml.attribute("type"));
    }

    public @Nullable String getTitle() {
        return xml.childText("title", NAMESPACE);
    }

    public DataForm setTitle(@Nullable String title) {
        setChildText("title", NAMESPACE, title);
        return this;
    }

    /** The instructions, one element each (§3: there may be several). */
    public List<String> getInstructions() {
        List<String> instructions = new ArrayList<>();
        for (XmlElement e : xml.elements("instructions", NAMESPACE)) {
            instructions.add(e.text());
        }
        return instructions;
    }

    public DataForm setInstructions(List<String> instructions) {
        xml.removeElements("instructions", NAMESPACE);
        for (String line : instructions) {
            xml.addElement("instructions", NAMESPACE).setText(line);
        }
        return this;
    }

    public DataForm addInstructions(String instructions) {
        xml.addElement("instructions", NAMESPACE).setText(instructions);
        return this;
    }

    // ---------------------------------------------------------------- fields

    /** The top-level fields, in order. */
    public List<FormField> fields() {
        return Fields.of(xml);
    }

    /** The top-level field of that name, or null. */
    public @Nullable FormField field(String var) {
        return Fields.named(xml, var);
    }

    /**
     * Appends a field.
     *
     * @param type null to leave the type out (submissions and results may, §3.2)
     * @throws IllegalArgumentException if the form already has a field of that name
     */
    public FormField addField(String var, @Nullable FieldType type) {
        return Fields.add(xml, var, type);
    }

    /** Appends a fixed field: a line of text, such as a section header (§3.3). */
    public FormField addFixed(String text) {
        return Fields.add(xml, null, FieldType.FIXED).setValues(List.of(text));
    }

    /** The value of the hidden {@code FORM_TYPE} field, or null. */
    public @Nullable String getFormTypeName() {
        FormField field = field(FORM_TYPE);
        return field == null ? null : field.getValue();
    }

    /** Sets the hidden {@code FORM_TYPE} field, the form's first. */
    public DataForm setFormTypeName(String formType) {
        FormField field = field(FORM_TYPE);
        if (field == null) {
            field = FormField.create(FORM_TYPE, FieldType.HIDDEN);
            List<XmlNode> rest = xml.children();
            int firstField = indexOfFirst(rest, "field");
            List<XmlNode> copy = new ArrayList<>(rest);
            xml.clearChildren();
            copy.add(firstField < 0 ? copy.size() : firstField, field.xml());
            copy.forEach(xml::addChild);
        }
        field.setValues(List.of(formType));
        return this;
    }

    /** The value of every named top-level field, typed as {@link FormField#typedValue()} says, in order. */
    public Map<String, @Nullable Object> values() {
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        for (FormField field : fields()) {
            String var = field.getVar();
            if (var != null && field.getFieldType() != FieldType.FIXED) {
                values.put(var, field.typedValue());
            }
        }
        return values;
    }

    /**
     * Sets the value of each named field ({@link FormField#setValue} converts it), adding a field without type
     * for a name the form does not have yet.
     */
    public DataForm setValues(Map<?, ?> values) {
        values.forEach((var, value) -> {
            FormField field = field(var.toString());
            (field != null ? field : addField(var.toString(), null)).setValue(value);
        });
        return this;
    }

    // ---------------------------------------------------------------- submitting and validating

    /**
     * Fills in this form: a form of type submit with a field for every named field of this one, holding the
     * given value ({@link FormField#setValue} converts it) or else this form's default, hidden fields such as
     * {@code FORM_TYPE} unchanged. Names that are not fields of this form are added as extra fields, which
     * §3.1 allows.
     */
    public DataForm submit(Map<String, ?> values) {
        DataForm submission = create(Type.SUBMIT);
        for (FormField field : fields()) {
            String var = field.getVar();
            if (var == null || field.getFieldType() == FieldType.FIXED) {
                continue;
            }
            FormField answer = submission.addField(var, field.getDeclaredType());
            if (values.containsKey(var) && field.getFieldType() != FieldType.HIDDEN) {
                answer.setValue(values.get(var));
            } else {
                answer.setValues(field.getValues());
            }
        }
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            if (submission.field(entry.getKey()) == null) {
                submission.addField(entry.getKey(), null).setValue(entry.getValue());
            }
        }
        return submission;
    }

    /**
     * Checks a submission against this form: it is of type submit, each required field has a value, fields that
     * take one value have at most one, booleans and JIDs are valid, list values are among the options (unless
     * XEP-0122 opens the list), and values satisfy the fields' XEP-0122 datatype, range and list range. Fields
     * this form does not have are ignored, as §3.1 requires.
     *
     * @throws FormValidationException listing every field in error
     */
    public void validate(DataForm submission) {
        Map<String, String> problems = SubmissionCheck.problems(this, submission);
        if (!problems.isEmpty()) {
            throw new FormValidationException(problems);
        }
    }

    // ---------------------------------------------------------------- multi-item results (§3.4)

    /** The {@code <reported/>} fields: the columns of a multi-item result; empty if there are none. */
    public List<FormField> reportedFields() {
        XmlElement reported = xml.element("reported", NAMESPACE);
        return reported == null ? List.of() : Fields.of(reported);
    }

    /** Adds a column to the {@code <reported/>} element, which is created before any item if absent. */
    public FormField addReportedField(String var, @Nullable FieldType type, @Nullable String label) {
        XmlElement reported = xml.element("reported", NAMESPACE);
        if (reported == null) {
            // §3.4: <reported/> MUST come before any <item/>.
            reported = new XmlElement("reported", NAMESPACE);
            List<XmlNode> children = new ArrayList<>(xml.children());
            int firstItem = indexOfFirst(children, "item");
            children.add(firstItem < 0 ? children.size() : firstItem, reported);
            xml.clearChildren();
            children.forEach(xml::addChild);
        }
        return Fields.add(reported, var, type).setLabel(label);
    }

    /** The rows of a multi-item result. */
    public List<FormItem> items() {
        List<FormItem> items = new ArrayList<>();
        for (XmlElement item : xml.elements("item", NAMESPACE)) {
            items.add(new FormItem(item));
        }
        return items;
    }

    /**
     * Appends a row: one field per reported column (§3.4: an item MUST contain each reported field), holding the
     * value given for it, if any.
     */
    public FormItem addItem(Map<String, ?> values) {
        XmlElement item = xml.addElement("item", NAMESPACE);
        for (FormField column : reportedFields()) {
            String var = column.getVar();
            if (var != null) {
                FormField field = Fields.add(item, var, null);
                // Typed as the column, so booleans and lines convert as they would in the column's type.
                field.setFieldType(column.getDeclaredType()).setValue(values.get(var)).setFieldType(null);
            }
        }
        return new FormItem(item);
    }

    private static int indexOfFirst(List<XmlNode> children, String name) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) instanceof XmlElement e && e.is(name, NAMESPACE)) {
                return i;
            }
        }
        return -1;
    }
}
