package io.btm.core.util;

/**
 * Text from the other side of a connection, made safe to keep and to log: bounded in length, and
 * with no character that could forge a log line or drive a terminal.
 */
public final class Text {
    /** The longest piece of peer text kept in a record. */
    public static final int KEPT = 256;

    private Text() {
    }

    /** At most {@code max} characters: longer text is cut, saying how long it was. Null stays null. */
    public static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…(" + text.length() + " chars)";
    }

    /**
     * For a log line: control characters (newlines, escape sequences) written as {@code \\n} or
     * {@code \\u001b}, and at most {@code max} characters. Null becomes {@code "null"}.
     */
    public static String printable(String text, int max) {
        if (text == null) {
            return "null";
        }
        String cut = bounded(text, max);
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@link #printable(String, int)} with the length kept in records. */
    public static String printable(String text) {
        return printable(text, KEPT);
    }
}
