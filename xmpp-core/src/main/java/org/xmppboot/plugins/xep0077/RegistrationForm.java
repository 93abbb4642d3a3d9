package org.xmppboot.plugins.xep0077;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.StanzaError;
import org.xmppboot.xml.XmlElement;

/**
 * What the server asks for to register (XEP-0077 §3.1): its fields, read from the data form when it sends one
 * (§4; §6 gives the form precedence, the plain fields being for older clients), else from the plain fields,
 * which are all required.
 * {@link #fill} turns it into the request that registers.
 *
 * @param instructions the server's words for a human, if any
 * @param fields the fields, in the server's order
 * @param dataForm whether they come from a data form, which is then what {@link #fill} submits
 * @param registered whether the account asking is registered already
 */
public record RegistrationForm(@Nullable String instructions, List<Field> fields, boolean dataForm,
        boolean registered) {

    /**
     * One field.
     *
     * @param name the plain field's element name, or the form field's {@code var}
     * @param label the form's label, if any
     * @param type the form field type ({@code text-single}, {@code text-private}, {@code hidden}, ...);
     *     {@code text-single} for plain fields
     * @param required whether the server needs a value
     * @param values the value(s) the server filled in (hidden fields, defaults)
     */
    public record Field(String name, @Nullable String label, String type, boolean required, List<String> values) {
    }

    public RegistrationForm {
        fields = List.copyOf(fields);
    }

    /** Reads a get's answer; what is not understood in it is left out. */
    public static RegistrationForm of(RegisterQuery query) {
        XmlElement form = query.getDataForm();
        List<Field> fields = new ArrayList<>();
        if (form != null) {
            for (XmlElement field : form.elements("field", RegisterQuery.DATA_FORMS)) {
                String var = field.attribute("var");
                if (var == null || var.isEmpty()) {
                    continue; // a fixed label, nothing to submit
                }
                List<String> values = new ArrayList<>();
                field.elements("value", RegisterQuery.DATA_FORMS).forEach(v -> values.add(v.text()));
                String type = field.attribute("type");
                fields.add(new Field(var, field.attribute("label"), type == null ? "text-single" : type,
                        field.element("required", RegisterQuery.DATA_FORMS) != null, values));
            }
        } else {
            for (XmlElement field : query.fieldElements()) {
                String value = field.text().trim();
                fields.add(new Field(field.name(), null, "text-single", true,
                        value.isEmpty() ? List.of() : List.of(value)));
            }
        }
        return new RegistrationForm(query.getInstructions(), fields, form != null, query.isRegistered());
    }

    /** The names of the fields, in order. */
    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    /**
     * The query that registers with these values: every field the form has, given a value from {@code values}
     * by name, else the server's own value (hidden fields such as FORM_TYPE, defaults). Values for fields the
     * form does not have are left out.
     *
     * @throws RegistrationException {@code not-acceptable}, naming the required fields without a value, before
     *     anything is sent
     */
    public RegisterQuery fill(Map<String, String> values) {
        RegisterQuery query = RegisterQuery.create();
        XmlElement submit = dataForm ? query.xml().addElement("x", RegisterQuery.DATA_FORMS)
                .setAttribute("type", "submit") : null;
        List<String> missing = new ArrayList<>();
        for (Field field : fields) {
            String given = values.get(field.name());
            List<String> chosen = given != null ? List.of(given) : field.values();
            if (chosen.isEmpty() || chosen.get(0).isEmpty() && given == null) {
                if (field.required()) {
                    missing.add(field.name());
                }
                continue;
            }
            if (submit == null) {
                query.setField(field.name(), chosen.get(0));
            } else if (!"fixed".equals(field.type())) {
                XmlElement f = submit.addElement("field", RegisterQuery.DATA_FORMS).setAttribute("var", field.name());
                chosen.forEach(v -> f.addElement("value", RegisterQuery.DATA_FORMS).setText(v));
            }
        }
        if (!missing.isEmpty()) {
            throw new RegistrationException(StanzaError.Condition.NOT_ACCEPTABLE, null,
                    "The server requires " + String.join(", ", missing) + ", which we were not given"
                            + (instructions == null ? "" : " (its instructions: " + instructions + ")"), null);
        }
        return query;
    }
}
