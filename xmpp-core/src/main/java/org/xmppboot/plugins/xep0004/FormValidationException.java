package org.xmppboot.plugins.xep0004;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.xmppboot.stanza.StanzaError;
import org.xmppboot.stanza.StanzaErrorException;

/**
 * A submitted form that does not satisfy its form, with what is wrong with each field. It is a
 * {@link StanzaErrorException}, so an iq handler that lets it propagate answers the request with
 * {@code not-acceptable}, the error XEP-0004 §4 says a form-processing entity SHOULD return for invalid data,
 * the problems in the error's text.
 */
public class FormValidationException extends StanzaErrorException {

    private static final long serialVersionUID = 1L;

    /** The field name for problems with the form as a whole (its type). */
    public static final String FORM = "";

    private final Map<String, String> problems;

    /** @param problems what is wrong, by field name ({@link #FORM} for the form itself); not empty */
    public FormValidationException(Map<String, String> problems) {
        super(StanzaError.Condition.NOT_ACCEPTABLE, describe(problems));
        this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    private static String describe(Map<String, String> problems) {
        return problems.entrySet().stream()
                .map(e -> (e.getKey().equals(FORM) ? "form" : e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining("; ", "Invalid form submission: ", ""));
    }

    /** What is wrong, by field name ({@link #FORM} for the form as a whole). */
    public Map<String, String> problems() {
        return problems;
    }
}
