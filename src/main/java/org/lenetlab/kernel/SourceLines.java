package org.lenetlab.kernel;

/** Line arithmetic on cell text (lines from 1, {@code \n}, {@code \r\n} or {@code \r} separated). */
final class SourceLines {
    private SourceLines() {
    }

    /** @return the line, from 1, that {@code offset} is on */
    static int lineOf(String text, int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    /** @return the offset where line {@code line} (from 1) starts */
    static int lineStart(String text, int line) {
        int current = 1;
        for (int i = 0; i < text.length() && current < line; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                current++;
                if (current == line) {
                    return i + 1;
                }
            }
        }
        return current == line ? 0 : text.length();
    }

    /** @return the text of line {@code line} without its line break */
    static String line(String text, int line) {
        int start = lineStart(text, line);
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(start, end);
    }
}
