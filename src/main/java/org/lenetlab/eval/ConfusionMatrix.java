package org.lenetlab.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.lenetlab.io.AtomicFiles;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Counts of (true class, predicted class) pairs: row {@code t}, column {@code p} holds how many examples of class
 * {@code t} were predicted as {@code p} (the layout of scikit-learn's {@code confusion_matrix} with
 * {@code labels=range(n)}). The diagonal holds the correct predictions.
 *
 * <p>Besides the counts it offers the row-normalised matrix (where each true class's examples went), per-class
 * accuracy and the most confused pairs, and renders itself as text, HTML (a heat map) and a Tablesaw table.
 */
public final class ConfusionMatrix {
    /** Heading of the first column of the table and text renderings. */
    public static final String CORNER_LABEL = "true \\ predicted";
    /** Class names longer than this are replaced by their index in column headings of the text rendering. */
    private static final int MAX_TEXT_HEADING = 8;

    private final List<String> classNames;
    private final int[][] counts;
    private final int[] actualTotals;
    private final int[] predictedTotals;
    private final int total;
    private final int correct;

    private ConfusionMatrix(List<String> classNames, int[][] counts) {
        this.classNames = classNames;
        this.counts = counts;
        int n = classNames.size();
        actualTotals = new int[n];
        predictedTotals = new int[n];
        int sum = 0;
        int diagonal = 0;
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                actualTotals[t] += counts[t][p];
                predictedTotals[p] += counts[t][p];
                sum += counts[t][p];
            }
            diagonal += counts[t][t];
        }
        total = sum;
        correct = diagonal;
    }

    /**
     * Counts true against predicted classes.
     *
     * @param actual     true class index of each example
     * @param predicted  predicted class index of each example
     * @param classNames name of each class, by index
     * @return the confusion matrix
     * @throws IllegalArgumentException if the arrays are empty or of different lengths, a label is outside
     *                                  {@code 0..classNames.size()-1}, or the class names are missing or repeated
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, List<String> classNames) {
        List<String> names = Inputs.classNames(classNames);
        Inputs.labels(actual, predicted, names.size());
        int[][] counts = new int[names.size()][names.size()];
        for (int i = 0; i < actual.length; i++) {
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(names, counts);
    }

    /** @return the class names, by index */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the number of classes (rows and columns) */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * @param actual    true class index (row)
     * @param predicted predicted class index (column)
     * @return how many examples of class {@code actual} were predicted as {@code predicted}
     */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** @return a copy of the counts, {@code [true][predicted]} */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** @return number of examples in the matrix */
    public int total() {
        return total;
    }

    /** @return number of correctly predicted examples (the sum of the diagonal) */
    public int correct() {
        return correct;
    }

    /** @return number of examples of each true class (row sums, the "support"), by class index */
    public int[] actualTotals() {
        return actualTotals.clone();
    }

    /** @return number of examples predicted as each class (column sums), by class index */
    public int[] predictedTotals() {
        return predictedTotals.clone();
    }

    /**
     * @param actual true class index
     * @return number of examples of that class
     */
    public int support(int actual) {
        return actualTotals[actual];
    }

    /**
     * @param predicted class index
     * @return number of examples predicted as that class
     */
    public int predictedCount(int predicted) {
        return predictedTotals[predicted];
    }

    /** @return the fraction of examples predicted correctly */
    public double accuracy() {
        return (double) correct / total;
    }

    /**
     * Each row divided by its sum: where the examples of each true class went. Rows of classes without examples
     * are all zero (as scikit-learn's {@code normalize="true"}).
     *
     * @return a new {@code [true][predicted]} matrix whose non-empty rows sum to 1
     */
    public double[][] rowNormalized() {
        return divide(t -> actualTotals[t], false);
    }

    /**
     * Each column divided by its sum: what the examples predicted as each class truly were (the diagonal is the
     * precision). Columns of classes never predicted are all zero (scikit-learn's {@code normalize="pred"}).
     *
     * @return a new {@code [true][predicted]} matrix whose non-empty columns sum to 1
     */
    public double[][] columnNormalized() {
        return divide(p -> predictedTotals[p], true);
    }

    /**
     * Every count divided by the number of examples (scikit-learn's {@code normalize="all"}).
     *
     * @return a new {@code [true][predicted]} matrix that sums to 1
     */
    public double[][] totalNormalized() {
        return divide(any -> total, false);
    }

    private double[][] divide(java.util.function.IntUnaryOperator denominatorOf, boolean byColumn) {
        int n = numClasses();
        double[][] result = new double[n][n];
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                int denominator = denominatorOf.applyAsInt(byColumn ? p : t);
                result[t][p] = denominator == 0 ? 0.0 : (double) counts[t][p] / denominator;
            }
        }
        return result;
    }

    /**
     * Accuracy within each true class: the diagonal of {@link #rowNormalized()}, which equals each class's recall.
     * Classes without examples get 0.0.
     *
     * @return fraction of each class's examples predicted correctly, by class index
     */
    public double[] perClassAccuracy() {
        double[] accuracy = new double[numClasses()];
        for (int c = 0; c < accuracy.length; c++) {
            accuracy[c] = actualTotals[c] == 0 ? 0.0 : (double) counts[c][c] / actualTotals[c];
        }
        return accuracy;
    }

    /**
     * The largest off-diagonal cells: which true class is most often mistaken for which other class. Ties are
     * ordered by the larger share of the true class, then by class indices.
     *
     * @param limit most pairs to return
     * @return up to {@code limit} pairs with at least one mistake, most frequent first
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public List<ConfusedPair> mostConfusedPairs(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
        }
        List<ConfusedPair> pairs = new ArrayList<>();
        for (int t = 0; t < numClasses(); t++) {
            for (int p = 0; p < numClasses(); p++) {
                if (t != p && counts[t][p] > 0) {
                    pairs.add(new ConfusedPair(t, classNames.get(t), p, classNames.get(p), counts[t][p],
                            (double) counts[t][p] / actualTotals[t]));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(ConfusedPair::count).reversed()
                .thenComparing(Comparator.comparingDouble(ConfusedPair::rate).reversed())
                .thenComparingInt(ConfusedPair::actual)
                .thenComparingInt(ConfusedPair::predicted));
        return List.copyOf(pairs.subList(0, Math.min(limit, pairs.size())));
    }

    /**
     * The counts as a table: a first column {@value #CORNER_LABEL} with the true class names, then one integer
     * column per predicted class.
     *
     * @return a new Tablesaw table, one row per true class
     */
    public Table toTable() {
        List<Column<?>> columns = new ArrayList<>();
        columns.add(StringColumn.create(CORNER_LABEL, classNames));
        List<String> headings = columnHeadings();
        for (int p = 0; p < numClasses(); p++) {
            int[] column = new int[numClasses()];
            for (int t = 0; t < numClasses(); t++) {
                column[t] = counts[t][p];
            }
            columns.add(IntColumn.create(headings.get(p), column));
        }
        return Table.create("confusion matrix", columns);
    }

    /**
     * {@link #rowNormalized()} as a table laid out like {@link #toTable()}.
     *
     * @return a new Tablesaw table of fractions, one row per true class
     */
    public Table rowNormalizedTable() {
        double[][] rates = rowNormalized();
        List<Column<?>> columns = new ArrayList<>();
        columns.add(StringColumn.create(CORNER_LABEL, classNames));
        List<String> headings = columnHeadings();
        for (int p = 0; p < numClasses(); p++) {
            double[] column = new double[numClasses()];
            for (int t = 0; t < numClasses(); t++) {
                column[t] = rates[t][p];
            }
            columns.add(DoubleColumn.create(headings.get(p), column));
        }
        return Table.create("confusion matrix (row-normalised)", columns);
    }

    /**
     * Tablesaw treats column names case-insensitively, and the first column already has a name; a class whose name
     * would clash is given its index as a suffix.
     */
    private List<String> columnHeadings() {
        Set<String> used = new HashSet<>();
        used.add(CORNER_LABEL.toLowerCase(Locale.ROOT));
        List<String> headings = new ArrayList<>();
        for (int p = 0; p < numClasses(); p++) {
            String name = classNames.get(p);
            String heading = used.add(name.toLowerCase(Locale.ROOT)) ? name : name + " #" + p;
            used.add(heading.toLowerCase(Locale.ROOT));
            headings.add(heading);
        }
        return headings;
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

    /**
     * The counts as aligned text, rows = true classes, columns = predicted classes. Long class names head their
     * columns by index instead, and the rows then show "index name".
     *
     * @return the text, one line per true class after the heading line
     */
    @Override
    public String toString() {
        int n = numClasses();
        boolean shortNames = classNames.stream().allMatch(name -> Formats.length(name) <= MAX_TEXT_HEADING);
        List<String> rowLabels = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            rowLabels.add(shortNames ? classNames.get(c) : c + " " + classNames.get(c));
            headings.add(shortNames ? classNames.get(c) : Integer.toString(c));
        }
        int labelWidth = Formats.length(CORNER_LABEL);
        for (String label : rowLabels) {
            labelWidth = Math.max(labelWidth, Formats.length(label));
        }
        int cellWidth = Integer.toString(total).length();
        for (String heading : headings) {
            cellWidth = Math.max(cellWidth, Formats.length(heading));
        }
        StringBuilder text = new StringBuilder();
        text.append(Formats.padLeft(CORNER_LABEL, labelWidth));
        for (String heading : headings) {
            text.append(' ').append(Formats.padLeft(heading, cellWidth));
        }
        text.append('\n');
        for (int t = 0; t < n; t++) {
            text.append(Formats.padLeft(rowLabels.get(t), labelWidth));
            for (int p = 0; p < n; p++) {
                text.append(' ').append(Formats.padLeft(Integer.toString(counts[t][p]), cellWidth));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * The matrix as an HTML table for notebooks: a heat map in which each cell's shade is its share of the true
     * class (blue on the diagonal, red off it) and a tooltip gives count and share. Class names are escaped.
     *
     * @return an HTML {@code <table>} fragment
     */
    public String toHtml() {
        double[][] rates = rowNormalized();
        StringBuilder html = new StringBuilder();
        html.append("<table class=\"lenetlab-confusion-matrix\" style=\"border-collapse:collapse;"
                + "font-variant-numeric:tabular-nums\">\n");
        html.append("<caption>Confusion matrix (rows = true class, columns = predicted class)</caption>\n");
        html.append("<thead><tr><th style=\"text-align:right\">").append(Formats.html(CORNER_LABEL)).append("</th>");
        for (String name : classNames) {
            html.append("<th style=\"text-align:right\">").append(Formats.html(name)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int t = 0; t < numClasses(); t++) {
            html.append("<tr><th style=\"text-align:right\">").append(Formats.html(classNames.get(t)))
                    .append("</th>");
            for (int p = 0; p < numClasses(); p++) {
                double alpha = rates[t][p];
                String color = t == p ? "33,102,172" : "178,24,43";
                String ink = alpha > 0.6 ? "#fff" : "inherit";
                String tooltip = String.format(Locale.ROOT, "true %s, predicted %s: %d (%s of %s)",
                        classNames.get(t), classNames.get(p), counts[t][p], Formats.percent(rates[t][p]),
                        classNames.get(t));
                html.append(String.format(Locale.ROOT,
                        "<td style=\"text-align:right;padding:2px 6px;background-color:rgba(%s,%.3f);color:%s\" "
                                + "title=\"%s\">%d</td>", color, alpha, ink, Formats.html(tooltip), counts[t][p]));
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        return html.toString();
    }
}
