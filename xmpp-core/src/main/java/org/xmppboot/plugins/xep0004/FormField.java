package org.xmppboot.plugins.xep0004;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * A {@code <field/>} of a data form (XEP-0004 §3.2): its name ({@code var}), type, label, description,
 * whether it is required, its values and, for list fields, its options. Values are read and written typed:
 * booleans, JIDs and lists, as the field's type says.
 */
public final class FormField extends ElementBase {

    public static final Schema<FormField> SCHEMA = Schema.builder("field", DataForm.NAMESPACE, FormField::new)
            .attribute("var").attribute("label").attribute("type")
            .childText("desc")
            .flag("required", DataForm.NAMESPACE)
            .custom("value", FormField::typedValue, FormField::setValue, f -> f.setValues(List.of()))
            .build();

    public FormField(XmlElement xml) {
        super(xml);
    }

    /** A new, unattached field. */
    public static FormField create(@Nullable String var, @Nullable FieldType type) {
        FormField field = SCHEMA.create(DataForm.NAMESPACE);
        field.xml.setAttribute("var", var);
        field.xml.setAttribute("type", type == null ? null : type.value());
        return field;
    }

    @Override
    public Schema<FormField> schema() {
        return SCHEMA;
    }

    /** The field's name; only a fixed field may lack one (XEP-0004 §3.2). */
    public @Nullable String getVar() {
        return xml.attribute("var");
    }

    /** The declared type, or null when the {@code type} attribute is absent. */
    public @Nullable FieldType getDeclaredType() {
        return FieldType.fromValue(xml.attribute("type"));
    }

    /** The type, text-single when absent (XEP-0004 §3.2) or not understood (§3.3). */
    public FieldType getFieldType() {
        FieldType type = getDeclaredType();
        return type == null ? FieldType.TEXT_SINGLE : type;
    }

    public FormField setFieldType(@Nullable FieldType type) {
        xml.setAttribute("type", type == null ? null : type.value());
        return this;
    }

    public @Nullable String getLabel() {
        return xml.attribute("label");
    }

    public FormField setLabel(@Nullable String label) {
        xml.setAttribute("label", label);
        return this;
    }

    public @Nullable String getDesc() {
        return xml.childText("desc", DataForm.NAMESPACE);
    }

    public FormField setDesc(@Nullable String desc) {
        setChildText("desc", DataForm.NAMESPACE, desc);
        return this;
    }

    public boolean isRequired() {
        return xml.element("required", DataForm.NAMESPACE) != null;
    }

    public FormField setRequired(boolean required) {
        set("required", required);
        return this;
    }

    // ---------------------------------------------------------------- values

    /** The values as sent, in order; empty when there are none. */
    public List<String> getValues() {
        List<String> values = new ArrayList<>();
        for (XmlElement value : xml.elements("value", DataForm.NAMESPACE)) {
            values.add(value.text());
        }
        return values;
    }

    /** The first value, or null. */
    public @Nullable String getValue() {
        XmlElement value = xml.element("value", DataForm.NAMESPACE);
        return value == null ? null : value.text();
    }

    /** Replaces the values with these, in order (options are kept). */
    public FormField setValues(List<String> values) {
        xml.removeElements("value", DataForm.NAMESPACE);
        for (String value : values) {
            // Values go before the options, as the XEP's examples write them; the order carries no meaning.
            xml.addElement("value", DataForm.NAMESPACE).setText(value);
        }
        return this;
    }

    /**
     * Sets the value from a Java value: null clears, a {@link Boolean} becomes {@code 1}/{@code 0}, a
     * collection gives one value each, a text-multi string one value per line (XEP-0004 §3.3: values of
     * text-multi fields SHOULD NOT contain newlines), anything else its {@code toString()}.
     *
     * @throws IllegalArgumentException for several values in a field whose type takes one (§3.2)
     */
    public FormField setValue(@Nullable Object value) {
        List<String> values = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(v -> values.add(lexical(v)));
        } else if (value instanceof String text && getFieldType() == FieldType.TEXT_MULTI) {
            values.addAll(List.of(text.split("\r\n|\r|\n", -1)));
        } else if (value != null) {
            values.add(lexical(value));
        }
        if (values.size() > 1 && !getFieldType().allowsMultipleValues()) {
            throw new IllegalArgumentException("Field '" + getVar() + "' of type " + getFieldType().value()
                    + " takes one value, not " + values.size());
        }
        return setValues(values);
    }

    private static String lexical(Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return value.toString();
    }

    /**
     * The boolean value: true for {@code 1} or {@code true}, false for {@code 0} or {@code false} and, as
     * XEP-0004 §3.3 gives false as the default, for no value.
     *
     * @throws IllegalStateException for any other value
     */
    public boolean getBoolean() {
        String value = getValue();
        if (value == null) {
            return false;
        }
        Boolean parsed = parseBoolean(value);
        if (parsed == null) {
            throw new IllegalStateException("Field '" + getVar() + "' holds '" + value + "', not a boolean");
        }
        return parsed;
    }

    /** XEP-0004 §3.3 (xs:boolean): {@code 1}/{@code true} or {@code 0}/{@code false}; else null. */
    public static @Nullable Boolean parseBoolean(String value) {
        return switch (value.trim()) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * The value as a JID, or null when there is none.
     *
     * @throws org.xmppboot.jid.JidFormatException if it is not a valid JID
     */
    public @Nullable Jid getJid() {
        String value = getValue();
        return value == null ? null : Jid.of(value.trim());
    }

    /**
     * The values as JIDs, duplicates left out (XEP-0004 §3.3: duplicate JIDs MUST be ignored).
     *
     * @throws org.xmppboot.jid.JidFormatException if one is not a valid JID
     */
    public List<Jid> getJids() {
        Set<Jid> jids = new LinkedHashSet<>();
        for (String value : getValues()) {
            jids.add(Jid.of(value.trim()));
        }
        return List.copyOf(jids);
    }

    /** text-multi values joined into one text, one value a line (XEP-0004 §3.3). */
    public String getText() {
        return String.join("\n", getValues());
    }

    /**
     * The value typed by the field's type: a {@link Boolean} for boolean, a {@link Jid} or list of them for JID
     * fields, a list of strings for list-multi and text-multi, else the string; null for no value. Never throws
     * for what a peer sent: a boolean or JID that does not parse reads as null (a JID list leaves it out), which
     * {@link DataForm#validate} reports.
     */
    public @Nullable Object typedValue() {
        FieldType type = getFieldType();
        String value = getValue();
        return switch (type) {
            case BOOLEAN -> value == null ? Boolean.FALSE : parseBoolean(value);
            case JID_SINGLE -> value == null ? null : Jid.ofOrNull(value.trim());
            case JID_MULTI -> validJids();
            case LIST_MULTI, TEXT_MULTI -> getValues();
            default -> value;
        };
    }

    private List<Jid> validJids() {
        Set<Jid> jids = new LinkedHashSet<>();
        for (String value : getValues()) {
            Jid jid = Jid.ofOrNull(value.trim());
            if (jid != null) {
                jids.add(jid);
            }
        }
        return List.copyOf(jids);
    }

    // ---------------------------------------------------------------- options

    public List<FormOption> options() {
        List<FormOption> options = new ArrayList<>();
        for (XmlElement option : xml.elements("option", DataForm.NAMESPACE)) {
            String value = option.childText("value", DataForm.NAMESPACE);
            if (value != null) {
                options.add(new FormOption(value, option.attribute("label")));
            }
        }
        return options;
    }

    /** Adds an option to a list field. */
    public FormField addOption(String value, @Nullable String label) {
        XmlElement option = xml.addElement("option", DataForm.NAMESPACE);
        option.setAttribute("label", label);
        option.addElement("value", DataForm.NAMESPACE).setText(value);
        return this;
    }

    /** The XEP-0122 validation rules of this field, or null when it has none. */
    public @Nullable FieldValidation getValidation() {
        return extension(FieldValidation.SCHEMA);
    }

    /** Adds (or returns the existing) XEP-0122 validation element, to describe the datatype and range. */
    public FieldValidation enableValidation() {
        return enableExtension(FieldValidation.SCHEMA);
    }
}
