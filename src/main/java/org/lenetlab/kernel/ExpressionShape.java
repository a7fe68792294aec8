package org.lenetlab.kernel;

import java.util.Set;

/**
 * Tells from the first tokens of a snippet whether it reads as an expression, without asking javac. Used only to
 * pick the faster way to run a snippet ({@link CellValue}): a wrong guess costs time, never correctness, because a
 * snippet that is not an expression does not compile as {@code () -> snippet} and is then run as JShell runs it.
 */
final class ExpressionShape {
    /** Words that start a declaration or a statement, never an expression. */
    private static final Set<String> NOT_AN_EXPRESSION = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "continue",
            "default", "do", "double", "else", "enum", "final", "finally", "float", "for", "goto", "if", "import",
            "int", "interface", "long", "module", "native", "non", "package", "private", "protected", "public",
            "record", "return", "sealed", "short", "static", "strictfp", "switch", "synchronized", "throw",
            "transient", "try", "var", "void", "volatile", "while", "yield");
    /** Words that start an expression. */
    private static final Set<String> AN_EXPRESSION = Set.of("new", "this", "super", "true", "false", "null");

    private final String s;
    private int i;

    private ExpressionShape(String source) {
        this.s = source;
    }

    /**
     * @param snippet one complete snippet, as JShell's completeness analysis cut it
     * @return whether it reads as an expression: it starts with a literal, an operator, a parenthesis, {@code new},
     *         or a name that is not followed by a second name (as in the declaration {@code List<String> xs = ...})
     */
    static boolean isExpression(String snippet) {
        return new ExpressionShape(snippet).read();
    }

    private boolean read() {
        skipSpace();
        if (i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        if (!Character.isJavaIdentifierStart(c)) {
            return c == '(' || c == '"' || c == '\'' || c == '!' || c == '~' || c == '-' || c == '+'
                    || Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1));
        }
        String first = name();
        if (NOT_AN_EXPRESSION.contains(first) || AN_EXPRESSION.contains(first)) {
            return AN_EXPRESSION.contains(first);
        }
        // a type? Name(.Name)*, type arguments, array brackets; a declaration goes on with the declared name
        while (peek('.')) {
            i++;
            skipSpace();
            if (i >= s.length() || !Character.isJavaIdentifierStart(s.charAt(i))) {
                return true; // a.<T>m(), a.123 ...: not a type
            }
            name();
        }
        if (peek('<') && !typeArguments()) {
            return true;
        }
        while (peek('[')) {
            i++;
            if (!peek(']')) {
                return true; // an array access
            }
            i++;
        }
        skipSpace();
        return i >= s.length() || !Character.isJavaIdentifierStart(s.charAt(i));
    }

    /** Reads balanced {@code <...>} holding only what type arguments can hold; false if it is a comparison. */
    private boolean typeArguments() {
        int depth = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                if (--depth == 0) {
                    i++;
                    return true;
                }
            } else if (!(Character.isJavaIdentifierPart(c) || Character.isWhitespace(c) || c == '.' || c == ','
                    || c == '?' || c == '[' || c == ']')) {
                return false;
            }
        }
        return false;
    }

    private String name() {
        int start = i;
        while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) {
            i++;
        }
        return s.substring(start, i);
    }

    private boolean peek(char c) {
        skipSpace();
        return i < s.length() && s.charAt(i) == c;
    }

    /** Skips white space and comments. */
    private void skipSpace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end + 1;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else {
                return;
            }
        }
    }
}
