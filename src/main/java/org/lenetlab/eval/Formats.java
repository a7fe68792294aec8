package org.lenetlab.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Number and text formatting shared by the evaluation renderers. */
final class Formats {
    private Formats() {
    }

    /**
     * Formats like Python's {@code '{:.{digits}f}'.format(value)}: the exact binary value of the double rounded half
     * to even, so 0.125 gives {@code 0.12} and 0.845 (stored as 0.84499999…) gives {@code 0.84}.
     * {@link String#format} cannot be used: it rounds the shortest decimal representation half up (0.845 → 0.85).
     *
     * @param value  the number
     * @param digits digits after the decimal point, at least 0
     * @return the text, {@code nan}, {@code inf} or {@code -inf} for non-finite values, as Python prints them
     */
    static String fixed(double value, int digits) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        // BigDecimal has no negative zero, Python keeps the sign: -0.001 with 2 digits is "-0.00"
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        return negative && !text.startsWith("-") ? "-" + text : text;
    }

    /**
     * Right-aligns text in a field, counting Unicode code points as Python's {@code str.format} does (an emoji
     * outside the Basic Multilingual Plane is one character, not two Java {@code char}s).
     *
     * @param text  the text
     * @param width field width in code points; longer text is returned unchanged
     * @return the padded text
     */
    static String padLeft(String text, int width) {
        int length = length(text);
        return length >= width ? text : " ".repeat(width - length) + text;
    }

    /**
     * Left-aligns text in a field counted in code points.
     *
     * @param text  the text
     * @param width field width in code points; longer text is returned unchanged
     * @return the padded text
     */
    static String padRight(String text, int width) {
        int length = length(text);
        return length >= width ? text : text + " ".repeat(width - length);
    }

    /** @return the length of {@code text} in Unicode code points, as Python's {@code len} counts */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * Escapes text for HTML element content and attribute values.
     *
     * @param text any text, e.g. a class name
     * @return the text with {@code & < > " '} replaced by entities
     */
    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param fraction a value in [0, 1]
     * @return the value as a percentage with one decimal, e.g. {@code 12.5%}
     */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
