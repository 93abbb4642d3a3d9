package org.xmppboot.plugins.xep0004;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.xml.XmlElement;

/** The {@code <field/>} children of a form, its {@code <reported/>} or one of its {@code <item/>}s. */
final class Fields {

    private Fields() {
    }

    static List<FormField> of(XmlElement parent) {
        List<FormField> fields = new ArrayList<>();
        for (XmlElement field : parent.elements("field", DataForm.NAMESPACE)) {
            fields.add(FormField.SCHEMA.wrap(field));
        }
        return fields;
    }

    static @Nullable FormField named(XmlElement parent, String var) {
        for (XmlElement field : parent.elements("field", DataForm.NAMESPACE)) {
            if (var.equals(field.attribute("var"))) {
                return FormField.SCHEMA.wrap(field);
            }
        }
        return null;
    }

    /** Appends a field; a second field of the same name is refused, since {@code var} identifies it (§3.2). */
    static FormField add(XmlElement parent, @Nullable String var, @Nullable FieldType type) {
        if (var != null && named(parent, var) != null) {
            throw new IllegalArgumentException("There already is a field named '" + var + "'");
        }
        FormField field = FormField.create(var, type);
        parent.addChild(field.xml());
        return field;
    }
}
