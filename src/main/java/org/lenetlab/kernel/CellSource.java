package org.lenetlab.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell split into what runs one after the other: pieces of Java code and line magics ({@code %jars ...}) that
 * stand on their own line, outside comments and text blocks. A cell whose first line starts with {@code %%} is one
 * cell magic applied to the rest of the cell.
 */
final class CellSource {
    /** A piece of the cell: Java code or a line magic, with its place in the cell. */
    record Part(boolean magic, int start, int end) {
        String text(String cell) {
            return cell.substring(start, end);
        }
    }

    private CellSource() {
    }

    /** @return whether the cell starts (after blank lines) with a cell magic {@code %%name} */
    static boolean isCellMagic(String cell) {
        return cell.stripLeading().startsWith("%%");
    }

    /**
     * @param cell a cell's text
     * @return its Java and line-magic parts, in order; Java parts may be blank
     */
    static List<Part> split(String cell) {
        List<Part> parts = new ArrayList<>();
        int javaStart = 0;
        boolean inBlockComment = false;
        boolean inTextBlock = false;
        int lineStart = 0;
        while (lineStart <= cell.length()) {
            int lineEnd = cell.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = cell.length();
            }
            String line = cell.substring(lineStart, lineEnd);
            if (!inBlockComment && !inTextBlock && line.stripLeading().startsWith("%")) {
                if (lineStart > javaStart) {
                    parts.add(new Part(false, javaStart, lineStart));
                }
                parts.add(new Part(true, lineStart, lineEnd));
                javaStart = Math.min(lineEnd + 1, cell.length());
            } else {
                int state = scan(line, inBlockComment, inTextBlock);
                inBlockComment = state == 1;
                inTextBlock = state == 2;
            }
            if (lineEnd == cell.length()) {
                break;
            }
            lineStart = lineEnd + 1;
        }
        if (javaStart < cell.length()) {
            parts.add(new Part(false, javaStart, cell.length()));
        }
        return parts;
    }

    /**
     * Follows one line through comments, strings and text blocks.
     *
     * @return the state at the line's end: 0 code, 1 inside a block comment, 2 inside a text block
     */
    private static int scan(String line, boolean inBlockComment, boolean inTextBlock) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (inBlockComment) {
                if (c == '*' && i + 1 < n && line.charAt(i + 1) == '/') {
                    inBlockComment = false;
                    i += 2;
                    continue;
                }
            } else if (inTextBlock) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (line.startsWith("\"\"\"", i)) {
                    inTextBlock = false;
                    i += 3;
                    continue;
                }
            } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '/') {
                break;
            } else if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
                inBlockComment = true;
                i += 2;
                continue;
            } else if (line.startsWith("\"\"\"", i)) {
                inTextBlock = true;
                i += 3;
                continue;
            } else if (c == '"' || c == '\'') {
                i = skipQuoted(line, i, c);
                continue;
            }
            i++;
        }
        return inBlockComment ? 1 : inTextBlock ? 2 : 0;
    }

    private static int skipQuoted(String line, int open, char quote) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        return i;
    }
}
