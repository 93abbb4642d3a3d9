package org.xmppboot.plugins.xep0004;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xmppboot.stanza.ElementBase;
import org.xmppboot.stanza.Schema;
import org.xmppboot.xml.XmlElement;

/**
 * A field's {@code <validate/>} element (XEP-0122 Data Forms Validation): the datatype of its values, and
 * optionally a {@code <range/>} of allowed values, {@code <open/>} to let list fields take values outside their
 * options, and a {@code <list-range/>} bounding how many values a list-multi takes. Regular expressions
 * ({@code <regex/>}) are carried but not checked: their syntax is POSIX's, not Java's.
 */
public final class FieldValidation extends ElementBase {

    public static final String NAMESPACE = "http://jabber.org/protocol/xdata-validate";

    public static final Schema<FieldValidation> SCHEMA = Schema
            .builder("validate", NAMESPACE, FieldValidation::new)
            .attribute("datatype")
            .build();

    static {
        FormField.SCHEMA.registerExtension(SCHEMA);
    }

    public FieldValidation(XmlElement xml) {
        super(xml);
    }

    @Override
    public Schema<FieldValidation> schema() {
        return SCHEMA;
    }

    /** The datatype's name; {@code xs:string} when absent (XEP-0122 §3.1). */
    public String getDatatype() {
        String datatype = xml.attribute("datatype");
        return datatype == null ? Datatype.STRING.xsName() : datatype;
    }

    public FieldValidation setDatatype(@Nullable String datatype) {
        xml.setAttribute("datatype", datatype);
        return this;
    }

    /**
     * Whether a list field may take values outside its options: with {@code <open/>}, and with any method other
     * than {@code <basic/>} (XEP-0122 §3.2).
     */
    public boolean isOpen() {
        return method("open") != null || method("range") != null || method("regex") != null;
    }

    public FieldValidation setOpen() {
        replaceMethod("open");
        return this;
    }

    /** The {@code <range/>} minimum, or null. */
    public @Nullable String getRangeMin() {
        XmlElement range = method("range");
        return range == null ? null : range.attribute("min");
    }

    /** The {@code <range/>} maximum, or null. */
    public @Nullable String getRangeMax() {
        XmlElement range = method("range");
        return range == null ? null : range.attribute("max");
    }

    /** Sets the {@code <range/>} method (either bound may be null). */
    public FieldValidation setRange(@Nullable String min, @Nullable String max) {
        replaceMethod("range").setAttribute("min", min).setAttribute("max", max);
        return this;
    }

    /** The least number of values a list-multi takes, or null. */
    public @Nullable Integer getListMin() {
        return listRange("min");
    }

    /** The most values a list-multi takes, or null. */
    public @Nullable Integer getListMax() {
        return listRange("max");
    }

    public FieldValidation setListRange(@Nullable Integer min, @Nullable Integer max) {
        xml.removeElements("list-range", NAMESPACE);
        xml.addElement("list-range", NAMESPACE).setAttribute("min", min == null ? null : min.toString())
                .setAttribute("max", max == null ? null : max.toString());
        return this;
    }

    /** The problems with one value (datatype, range), empty when it is valid. */
    List<String> check(String value) {
        List<String> problems = new ArrayList<>();
        Datatype datatype = Datatype.of(xml.attribute("datatype"));
        Comparable<?> parsed;
        try {
            parsed = datatype.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return problems;
        }
        if (!datatype.isOrdered()) {
            return problems;
        }
        String min = getRangeMin();
        String max = getRangeMax();
        // A bound that is not of the datatype is the form's mistake, not the submitter's: it is ignored.
        if (min != null && compareIfValid(datatype, parsed, min) < 0) {
            problems.add("'" + value + "' is less than " + min);
        }
        if (max != null && compareIfValid(datatype, parsed, max) > 0) {
            problems.add("'" + value + "' is more than " + max);
        }
        return problems;
    }

    /** The problem with the number of values of a list-multi, or null. */
    @Nullable String checkCount(int count) {
        Integer min = getListMin();
        Integer max = getListMax();
        if (min != null && count < min) {
            return "takes at least " + min + " values, not " + count;
        }
        if (max != null && count > max) {
            return "takes at most " + max + " values, not " + count;
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareIfValid(Datatype datatype, Comparable value, String bound) {
        try {
            return value.compareTo(datatype.parse(bound));
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private @Nullable Integer listRange(String attribute) {
        XmlElement range = xml.element("list-range", NAMESPACE);
        String value = range == null ? null : range.attribute(attribute);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private @Nullable XmlElement method(String name) {
        return xml.element(name, NAMESPACE);
    }

    /** XEP-0122 §3.2: at most one validation method. */
    private XmlElement replaceMethod(String name) {
        for (String method : List.of("basic", "open", "range", "regex")) {
            xml.removeElements(method, NAMESPACE);
        }
        return xml.addElement(name, NAMESPACE);
    }
}
