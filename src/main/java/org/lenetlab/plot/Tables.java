package org.lenetlab.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.lenetlab.io.AtomicFiles;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders any Tablesaw table for people: as text whose columns line up in a terminal, as an HTML table for a
 * notebook or report page, and as a CSV file (written atomically). Numbers are right-aligned; decimals are shown
 * with a fixed number of digits, whole numbers with thousands separators; missing values are left blank.
 */
public final class Tables {
    /** Digits after the decimal point unless told otherwise. */
    public static final int DEFAULT_DIGITS = 4;

    private Tables() {
    }

    /**
     * @param table a table
     * @return aligned text with {@value #DEFAULT_DIGITS} decimals
     */
    public static String toText(Table table) {
        return toText(table, DEFAULT_DIGITS);
    }

    /**
     * @param table  a table
     * @param digits digits after the decimal point for non-integer numbers, 0 to 12
     * @return the table's name, a header line, a rule and one line per row, columns aligned (numbers right,
     *     text left)
     */
    public static String toText(Table table, int digits) {
        Objects.requireNonNull(table, "table");
        checkDigits(digits);
        List<Column<?>> columns = table.columns();
        int cols = columns.size();
        List<String[]> cells = new ArrayList<>();
        String[] head = new String[cols];
        for (int c = 0; c < cols; c++) {
            head[c] = columns.get(c).name();
        }
        cells.add(head);
        for (int r = 0; r < table.rowCount(); r++) {
            String[] row = new String[cols];
            for (int c = 0; c < cols; c++) {
                row[c] = cell(columns.get(c), r, digits);
            }
            cells.add(row);
        }
        int[] width = new int[cols];
        for (String[] row : cells) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], row[c].codePointCount(0, row[c].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        if (table.name() != null && !table.name().isEmpty()) {
            sb.append(table.name()).append('\n');
        }
        for (int i = 0; i < cells.size(); i++) {
            String[] row = cells.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                boolean right = columns.get(c) instanceof NumericColumn<?>;
                int pad = width[c] - row[c].codePointCount(0, row[c].length());
                line.append(right ? " ".repeat(pad) + row[c] : row[c] + " ".repeat(pad));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                sb.append("-".repeat(total + 2 * Math.max(0, cols - 1))).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * @param table a table
     * @return an HTML {@code <table>} with {@value #DEFAULT_DIGITS} decimals, text escaped
     */
    public static String toHtml(Table table) {
        return toHtml(table, DEFAULT_DIGITS);
    }

    /**
     * @param table  a table
     * @param digits digits after the decimal point for non-integer numbers
     * @return an HTML {@code <table>} (class {@code lenetlab-table}) with the table's name as caption, numbers
     *     right-aligned, text escaped
     */
    public static String toHtml(Table table, int digits) {
        Objects.requireNonNull(table, "table");
        checkDigits(digits);
        StringBuilder sb = new StringBuilder("<table class=\"lenetlab-table\" style=\"border-collapse:collapse;"
                + "font-variant-numeric:tabular-nums\">\n");
        if (table.name() != null && !table.name().isEmpty()) {
            sb.append("<caption>").append(escape(table.name())).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            sb.append("<th style=\"text-align:").append(align(column)).append(";padding:2px 8px\">")
                    .append(escape(column.name())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> column : table.columns()) {
                sb.append("<td style=\"text-align:").append(align(column)).append(";padding:2px 8px\">")
                        .append(escape(cell(column, r, digits))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        return sb.toString();
    }

    /**
     * Writes the table as CSV with full precision, atomically.
     *
     * @param table a table
     * @param file  the CSV file to create or replace
     * @return {@code file}
     * @throws IOException if writing fails (an existing file is then unchanged)
     */
    public static Path writeCsv(Table table, Path file) throws IOException {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(file, "file");
        return AtomicFiles.write(file, out -> table.write().csv(out));
    }

    private static String align(Column<?> column) {
        return column instanceof NumericColumn<?> ? "right" : "left";
    }

    private static String cell(Column<?> column, int row, int digits) {
        if (column.isMissing(row)) {
            return "";
        }
        Object value = column.get(row);
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            if (Double.isNaN(v)) {
                return "";
            }
            return String.format(Locale.ROOT, "%." + digits + "f", v);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return String.valueOf(value);
    }

    private static void checkDigits(int digits) {
        if (digits < 0 || digits > 12) {
            throw new IllegalArgumentException("digits must be between 0 and 12, got " + digits);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
