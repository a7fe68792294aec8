package org.lenetlab.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.lenetlab.io.AtomicFiles;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Precision, recall, F1 score and support per class, with accuracy and macro and weighted averages: the numbers
 * and the exact text of scikit-learn's {@code classification_report}.
 *
 * <p>{@link #toString()} prints character for character what
 * {@code classification_report(y_true, y_pred, labels=range(n), target_names=names, digits=d)} prints, and every
 * number is bit-for-bit the one scikit-learn computes (averages are summed in NumPy's order, decimals are rounded
 * half to even from the exact binary value, as Python's {@code format} does).
 *
 * <p><b>Which rows.</b> The report has one row per named class, in class-index order, including classes that
 * occur neither among the true nor among the predicted labels. That is scikit-learn's behaviour when it is given
 * {@code labels=range(n)}; without {@code labels} scikit-learn would drop such classes, and refuse the class names
 * because their number no longer matches. A consequence kept from scikit-learn: when some named class occurs
 * nowhere, the row after the classes is titled {@code micro avg} and shows micro-averaged precision and recall
 * instead of the {@code accuracy} row (for single-label data all three micro numbers equal the accuracy).
 *
 * <p><b>Undefined values.</b> Precision of a class never predicted and recall of a class without examples are
 * undefined; they are reported as 0.0 (scikit-learn's default {@code zero_division="warn"}) or 1.0
 * ({@link ZeroDivision#ONE}), and {@link #undefinedMetrics()} says which ones were affected.
 */
public final class ClassificationReport {
    /** Digits after the decimal point unless told otherwise, as in scikit-learn. */
    public static final int DEFAULT_DIGITS = 2;
    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};
    /** The longest heading of the last lines, which sets the minimum width of the name column. */
    private static final String LONGEST_AVERAGE_HEADING = "weighted avg";

    private final ConfusionMatrix matrix;
    private final int digits;
    private final ZeroDivision zeroDivision;
    private final List<ClassMetrics> classes;
    private final ClassMetrics micro;
    private final ClassMetrics macro;
    private final ClassMetrics weighted;
    private final boolean accuracyRow;

    private ClassificationReport(ConfusionMatrix matrix, int digits, ZeroDivision zeroDivision) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must be 0 or more, got " + digits);
        }
        this.matrix = Objects.requireNonNull(matrix, "matrix");
        this.digits = digits;
        this.zeroDivision = Objects.requireNonNull(zeroDivision, "zeroDivision");
        int n = matrix.numClasses();
        double undefined = zeroDivision.value();
        double[] precision = new double[n];
        double[] recall = new double[n];
        double[] f1 = new double[n];
        double[] support = new double[n];
        List<ClassMetrics> rows = new ArrayList<>(n);
        boolean everyClassSeen = true;
        for (int c = 0; c < n; c++) {
            int truePositives = matrix.count(c, c);
            int predicted = matrix.predictedCount(c);
            int actual = matrix.support(c);
            precision[c] = predicted == 0 ? undefined : (double) truePositives / predicted;
            recall[c] = actual == 0 ? undefined : (double) truePositives / actual;
            f1[c] = f1(precision[c], recall[c]);
            support[c] = actual;
            rows.add(new ClassMetrics(matrix.classNames().get(c), precision[c], recall[c], f1[c], actual));
            everyClassSeen &= predicted > 0 || actual > 0;
        }
        this.classes = List.copyOf(rows);
        int total = matrix.total();
        // every prediction falls on a named class, so micro precision and micro recall both divide by the total
        double microPrecision = (double) matrix.correct() / total;
        double microRecall = (double) matrix.correct() / total;
        this.micro = new ClassMetrics("micro avg", microPrecision, microRecall, f1(microPrecision, microRecall),
                total);
        this.macro = new ClassMetrics("macro avg", NumpySum.mean(precision), NumpySum.mean(recall),
                NumpySum.mean(f1), total);
        this.weighted = new ClassMetrics("weighted avg", NumpySum.weightedMean(precision, support),
                NumpySum.weightedMean(recall, support), NumpySum.weightedMean(f1, support), total);
        this.accuracyRow = everyClassSeen;
    }

    /** F1 written as scikit-learn computes it, {@code (1 + β²)·p·r / (β²·p + r)} with β = 1, 0 when p + r = 0. */
    private static double f1(double precision, double recall) {
        double denominator = precision + recall;
        return 2.0 * precision * recall / (denominator == 0.0 ? 1.0 : denominator);
    }

    /**
     * A report with two digits and undefined values shown as 0.0, as scikit-learn's defaults.
     *
     * @param matrix the confusion matrix to summarise
     * @return the report
     */
    public static ClassificationReport of(ConfusionMatrix matrix) {
        return new ClassificationReport(matrix, DEFAULT_DIGITS, ZeroDivision.ZERO);
    }

    /**
     * @param matrix       the confusion matrix to summarise
     * @param digits       digits after the decimal point in the text and HTML renderings
     * @param zeroDivision what to report for undefined precision and recall
     * @return the report
     * @throws IllegalArgumentException if {@code digits} is negative
     */
    public static ClassificationReport of(ConfusionMatrix matrix, int digits, ZeroDivision zeroDivision) {
        return new ClassificationReport(matrix, digits, zeroDivision);
    }

    /**
     * @param newDigits digits after the decimal point
     * @return the same report rendered with {@code newDigits} digits
     */
    public ClassificationReport withDigits(int newDigits) {
        return new ClassificationReport(matrix, newDigits, zeroDivision);
    }

    /**
     * @param newZeroDivision what to report for undefined precision and recall
     * @return the report recomputed with that choice
     */
    public ClassificationReport withZeroDivision(ZeroDivision newZeroDivision) {
        return new ClassificationReport(matrix, digits, newZeroDivision);
    }

    /** @return digits after the decimal point in the renderings */
    public int digits() {
        return digits;
    }

    /** @return what undefined precision and recall are reported as */
    public ZeroDivision zeroDivision() {
        return zeroDivision;
    }

    /** @return the confusion matrix the report summarises */
    public ConfusionMatrix confusionMatrix() {
        return matrix;
    }

    /** @return one row per class, in class-index order */
    public List<ClassMetrics> classMetrics() {
        return classes;
    }

    /**
     * @param classIndex class index
     * @return precision, recall, F1 and support of that class
     */
    public ClassMetrics classMetrics(int classIndex) {
        return classes.get(classIndex);
    }

    /** @return fraction of examples predicted correctly */
    public double accuracy() {
        return matrix.accuracy();
    }

    /**
     * Micro averages count every example once; for single-label classification precision, recall and F1 all equal
     * the accuracy.
     *
     * @return micro-averaged precision, recall and F1, support = all examples
     */
    public ClassMetrics microAverage() {
        return micro;
    }

    /** @return unweighted mean of the per-class numbers (every class counts the same), support = all examples */
    public ClassMetrics macroAverage() {
        return macro;
    }

    /** @return mean of the per-class numbers weighted by support, support = all examples */
    public ClassMetrics weightedAverage() {
        return weighted;
    }

    /**
     * @return whether the row after the classes is the {@code accuracy} row; {@code false} when some class occurs
     *     neither among the true nor among the predicted labels, and the row is then {@code micro avg}
     */
    public boolean showsAccuracyRow() {
        return accuracyRow;
    }

    /**
     * Which numbers are undefined and shown as {@link #zeroDivision()} instead (scikit-learn warns about them).
     *
     * @return one sentence per kind of undefined value, empty when every number is defined
     */
    public List<String> undefinedMetrics() {
        List<String> neverPredicted = new ArrayList<>();
        List<String> noExamples = new ArrayList<>();
        for (int c = 0; c < matrix.numClasses(); c++) {
            if (matrix.predictedCount(c) == 0) {
                neverPredicted.add(matrix.classNames().get(c));
            }
            if (matrix.support(c) == 0) {
                noExamples.add(matrix.classNames().get(c));
            }
        }
        String shown = Formats.fixed(zeroDivision.value(), 1);
        List<String> notes = new ArrayList<>();
        if (!neverPredicted.isEmpty()) {
            notes.add(String.format(Locale.ROOT,
                    "Precision is undefined for %s never predicted (%s) and is shown as %s.",
                    neverPredicted.size() == 1 ? "the class" : "the " + neverPredicted.size() + " classes",
                    String.join(", ", neverPredicted), shown));
        }
        if (!noExamples.isEmpty()) {
            notes.add(String.format(Locale.ROOT,
                    "Recall is undefined for %s without examples (%s) and is shown as %s.",
                    noExamples.size() == 1 ? "the class" : "the " + noExamples.size() + " classes",
                    String.join(", ", noExamples), shown));
        }
        return List.copyOf(notes);
    }

    private int nameWidth() {
        int width = Math.max(LONGEST_AVERAGE_HEADING.length(), digits);
        for (ClassMetrics row : classes) {
            width = Math.max(width, Formats.length(row.name()));
        }
        return width;
    }

    /**
     * The report exactly as scikit-learn's {@code classification_report} prints it (with
     * {@code labels=range(n)}): right-aligned names in a column as wide as the longest of the class names,
     * {@code "weighted avg"} and the digits; four columns of width 9; a blank line after the heading and after the
     * classes; the text ends with a newline.
     *
     * @return the report text
     */
    @Override
    public String toString() {
        int width = nameWidth();
        StringBuilder text = new StringBuilder();
        text.append(Formats.padLeft("", width)).append(' ');
        for (String header : HEADERS) {
            text.append(' ').append(Formats.padLeft(header, 9));
        }
        text.append("\n\n");
        for (ClassMetrics row : classes) {
            appendRow(text, row, width);
        }
        text.append('\n');
        if (accuracyRow) {
            text.append(Formats.padLeft("accuracy", width)).append(' ')
                    .append(' ').append(Formats.padLeft("", 9))
                    .append(' ').append(Formats.padLeft("", 9))
                    .append(' ').append(Formats.padLeft(Formats.fixed(micro.f1(), digits), 9))
                    .append(' ').append(Formats.padLeft(Integer.toString(micro.support()), 9)).append('\n');
        } else {
            appendRow(text, micro, width);
        }
        appendRow(text, macro, width);
        appendRow(text, weighted, width);
        return text.toString();
    }

    private void appendRow(StringBuilder text, ClassMetrics row, int width) {
        text.append(Formats.padLeft(row.name(), width)).append(' ')
                .append(' ').append(Formats.padLeft(Formats.fixed(row.precision(), digits), 9))
                .append(' ').append(Formats.padLeft(Formats.fixed(row.recall(), digits), 9))
                .append(' ').append(Formats.padLeft(Formats.fixed(row.f1(), digits), 9))
                .append(' ').append(Formats.padLeft(Integer.toString(row.support()), 9)).append('\n');
    }

    /**
     * The report as an HTML table for notebooks, numbers rounded as in the text; class names are escaped.
     *
     * @return an HTML {@code <table>} fragment
     */
    public String toHtml() {
        StringBuilder html = new StringBuilder();
        html.append("<table class=\"lenetlab-classification-report\" style=\"border-collapse:collapse;"
                + "font-variant-numeric:tabular-nums\">\n<thead><tr><th></th>");
        for (String header : HEADERS) {
            html.append("<th style=\"text-align:right\">").append(header).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (ClassMetrics row : classes) {
            appendHtmlRow(html, row);
        }
        html.append("</tbody>\n<tbody style=\"border-top:1px solid #888\">\n");
        if (accuracyRow) {
            html.append("<tr><th style=\"text-align:right\">accuracy</th><td></td><td></td>")
                    .append(cell(Formats.fixed(micro.f1(), digits)))
                    .append(cell(Integer.toString(micro.support()))).append("</tr>\n");
        } else {
            appendHtmlRow(html, micro);
        }
        appendHtmlRow(html, macro);
        appendHtmlRow(html, weighted);
        html.append("</tbody>\n</table>\n");
        return html.toString();
    }

    private void appendHtmlRow(StringBuilder html, ClassMetrics row) {
        html.append("<tr><th style=\"text-align:right\">").append(Formats.html(row.name())).append("</th>")
                .append(cell(Formats.fixed(row.precision(), digits)))
                .append(cell(Formats.fixed(row.recall(), digits)))
                .append(cell(Formats.fixed(row.f1(), digits)))
                .append(cell(Integer.toString(row.support()))).append("</tr>\n");
    }

    private static String cell(String value) {
        return "<td style=\"text-align:right;padding:2px 8px\">" + value + "</td>";
    }

    /**
     * The report as a table with columns {@code class}, {@code precision}, {@code recall}, {@code f1-score} and
     * {@code support}: one row per class, then the rows the text shows below the classes ({@code accuracy} with
     * missing precision and recall, or {@code micro avg}; {@code macro avg}; {@code weighted avg}). Values are
     * unrounded.
     *
     * @return a new Tablesaw table
     */
    public Table toTable() {
        List<ClassMetrics> rows = new ArrayList<>(classes);
        rows.add(accuracyRow ? new ClassMetrics("accuracy", Double.NaN, Double.NaN, micro.f1(), micro.support())
                : micro);
        rows.add(macro);
        rows.add(weighted);
        return Table.create("classification report",
                StringColumn.create("class", rows.stream().map(ClassMetrics::name)),
                DoubleColumn.create("precision", rows.stream().mapToDouble(ClassMetrics::precision).toArray()),
                DoubleColumn.create("recall", rows.stream().mapToDouble(ClassMetrics::recall).toArray()),
                DoubleColumn.create("f1-score", rows.stream().mapToDouble(ClassMetrics::f1).toArray()),
                IntColumn.create("support", rows.stream().mapToInt(ClassMetrics::support).toArray()));
    }

    /**
     * Writes {@link #toTable()} as CSV (atomically: readers never see a half-written file).
     *
     * @param file the CSV file to create or replace
     * @return {@code file}
     * @throws IOException if the file cannot be written
     */
    public Path writeCsv(Path file) throws IOException {
        Table table = toTable();
        return AtomicFiles.write(file, out -> table.write().csv(out));
    }
}
