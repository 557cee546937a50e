package io.btm.core.util;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The names users type for enum constants (e.g. {@code result-true}), and their parsing. */
public final class Labels {
    private Labels() {
    }

    /** The usual label of a constant: its name in lower case, e.g. {@code low_difficulty}. */
    public static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant whose label is {@code label}; an error that names the field, the label and
     * every known one otherwise.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> labelOf, String field, String label) {
        for (E constant : type.getEnumConstants()) {
            if (labelOf.apply(constant).equals(label)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(field + ": unknown '" + label + "' (" + list(type, labelOf) + ")");
    }

    /** Every label, comma-separated, in declaration order. */
    public static <E extends Enum<E>> String list(Class<E> type, Function<E, String> labelOf) {
        return Arrays.stream(type.getEnumConstants()).map(labelOf).collect(Collectors.joining(", "));
    }
}
