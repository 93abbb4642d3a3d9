package org.xmppboot.plugins.xep0004;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The XML Schema datatypes a XEP-0122 {@code <validate/>} may name that this library checks: the integers,
 * decimal, boolean, date, time and dateTime. Any other datatype is validated as {@code xs:string}, which
 * XEP-0122 §4.1 requires of a datatype not understood. Each parses a value to something comparable, so
 * {@code <range/>} can be checked.
 */
enum Datatype {
    STRING("xs:string", v -> v),
    INTEGER("xs:integer", Datatype::integer),
    LONG("xs:long", v -> bounded(v, Long.MIN_VALUE, Long.MAX_VALUE)),
    INT("xs:int", v -> bounded(v, Integer.MIN_VALUE, Integer.MAX_VALUE)),
    SHORT("xs:short", v -> bounded(v, Short.MIN_VALUE, Short.MAX_VALUE)),
    BYTE("xs:byte", v -> bounded(v, Byte.MIN_VALUE, Byte.MAX_VALUE)),
    NON_NEGATIVE_INTEGER("xs:nonNegativeInteger", v -> atLeast(v, BigInteger.ZERO)),
    POSITIVE_INTEGER("xs:positiveInteger", v -> atLeast(v, BigInteger.ONE)),
    DECIMAL("xs:decimal", v -> new BigDecimal(v.trim())),
    BOOLEAN("xs:boolean", Datatype::bool),
    DATE("xs:date", v -> LocalDate.from(DateTimeFormatter.ISO_DATE.parse(v.trim()))),
    TIME("xs:time", v -> LocalTime.from(DateTimeFormatter.ISO_TIME.parse(v.trim()))),
    DATE_TIME("xs:dateTime", Datatype::dateTime);

    private final String name;
    private final Function<String, Comparable<?>> parser;

    Datatype(String name, Function<String, Comparable<?>> parser) {
        this.name = name;
        this.parser = parser;
    }

    String xsName() {
        return name;
    }

    /** The datatype of that name, {@link #STRING} for absent or unknown (XEP-0122 §3.1, §4.1). */
    static Datatype of(@Nullable String name) {
        for (Datatype type : values()) {
            if (type.name.equals(name)) {
                return type;
            }
        }
        return STRING;
    }

    /**
     * Parses a value.
     *
     * @throws IllegalArgumentException if it is not of this datatype
     */
    Comparable<?> parse(String value) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an " + name, e);
        }
    }

    /** Whether values have an order, so {@code <range/>} applies (XEP-0122 §4.7: never to xs:string). */
    boolean isOrdered() {
        return this != STRING && this != BOOLEAN;
    }

    private static BigInteger integer(String value) {
        return new BigInteger(value.trim());
    }

    private static BigInteger bounded(String value, long min, long max) {
        BigInteger n = integer(value);
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new NumberFormatException("out of range");
        }
        return n;
    }

    private static BigInteger atLeast(String value, BigInteger min) {
        BigInteger n = integer(value);
        if (n.compareTo(min) < 0) {
            throw new NumberFormatException("out of range");
        }
        return n;
    }

    private static Boolean bool(String value) {
        Boolean parsed = FormField.parseBoolean(value);
        if (parsed == null) {
            throw new NumberFormatException("not a boolean");
        }
        return parsed;
    }

    /**
     * A dateTime with a timezone is an instant; one without is compared as if in UTC (XML Schema leaves such
     * comparisons only partially ordered; a form's range rarely mixes the two).
     */
    private static Comparable<?> dateTime(String value) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(value.trim());
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed).toInstant();
        }
        return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }
}
