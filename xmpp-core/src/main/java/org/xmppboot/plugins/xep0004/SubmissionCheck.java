package org.xmppboot.plugins.xep0004;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.xmppboot.jid.Jid;

/** Checks a submission against the form it answers; see {@link DataForm#validate}. */
final class SubmissionCheck {

    private SubmissionCheck() {
    }

    /** What is wrong, by field name; empty when the submission is valid. */
    static Map<String, String> problems(DataForm form, DataForm submission) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (submission.getFormType() != DataForm.Type.SUBMIT) {
            problems.put(FormValidationException.FORM, "type is '" + submission.xml().attribute("type")
                    + "', not 'submit'");
            return problems;
        }
        for (FormField field : form.fields()) {
            String var = field.getVar();
            if (var == null || field.getFieldType() == FieldType.FIXED) {
                continue;
            }
            FormField answer = submission.field(var);
            List<String> values = answer == null ? List.of() : answer.getValues();
            List<String> fieldProblems = check(field, values);
            if (!fieldProblems.isEmpty()) {
                problems.put(var, String.join("; ", fieldProblems));
            }
        }
        return problems;
    }

    /** The field's type is the form's: a submission may leave types out (§3.2). */
    private static List<String> check(FormField field, List<String> values) {
        List<String> problems = new ArrayList<>();
        if (values.isEmpty() || values.stream().allMatch(String::isBlank)) {
            if (field.isRequired()) {
                problems.add("required");
            }
            return problems;
        }
        FieldType type = field.getFieldType();
        if (values.size() > 1 && !type.allowsMultipleValues()) {
            problems.add("takes one value, not " + values.size());
        }
        FieldValidation validation = field.getValidation();
        for (String value : values) {
            String problem = checkType(type, value);
            if (problem != null) {
                problems.add(problem);
            } else if (validation != null) {
                problems.addAll(validation.check(value));
            }
        }
        if (type.isList() && (validation == null || !validation.isOpen())) {
            Set<String> options = new HashSet<>();
            field.options().forEach(o -> options.add(o.value()));
            for (String value : values) {
                if (!options.contains(value)) {
                    problems.add("'" + value + "' is not one of the options");
                }
            }
        }
        if (type == FieldType.LIST_MULTI && validation != null) {
            String problem = validation.checkCount(values.size());
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private static @Nullable String checkType(FieldType type, String value) {
        if (type == FieldType.BOOLEAN && FormField.parseBoolean(value) == null) {
            return "'" + value + "' is not a boolean (1, true, 0 or false)";
        }
        if (type.isJid() && Jid.ofOrNull(value.trim()) == null) {
            return "'" + value + "' is not a valid JID";
        }
        return null;
    }
}
