package org.lenetlab.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.nd4j.linalg.api.ndarray.INDArray;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How well a classifier did on a set of examples: accuracy, a {@link ClassificationReport} (per-class precision,
 * recall, F1 and support, equal to scikit-learn's), the {@link ConfusionMatrix}, top-k accuracy and the
 * misclassified examples.
 *
 * <p>Build one from true and predicted labels ({@link #of(int[], int[], List)}), from true labels and the model's
 * per-class probabilities ({@link #of(int[], float[][], List)}, which also enables top-k accuracy and confidence
 * of mistakes), or let the {@link Evaluator} run a network over a dataset. The evaluation renders itself as text
 * ({@link #toString()}), as HTML for notebooks ({@link #toHtml()}) and as Tablesaw tables ({@link #toTable()},
 * {@link #predictionsTable()}). It is immutable.
 */
public final class ClassificationEvaluation {
    /** Classes up to this count get their confusion matrix in {@link #toString()}; beyond it the text is too wide. */
    private static final int MAX_CLASSES_IN_TEXT_MATRIX = 20;
    private static final int PAIRS_SHOWN = 5;
    private static final int MISTAKES_SHOWN = 5;

    private final String description;
    private final List<String> classNames;
    private final int[] actual;
    private final int[] predicted;
    private final float[][] probabilities;
    private final ConfusionMatrix matrix;
    private final ClassificationReport report;

    private ClassificationEvaluation(String description, List<String> classNames, int[] actual, int[] predicted,
                                     float[][] probabilities) {
        this.description = description;
        this.classNames = classNames;
        this.actual = actual;
        this.predicted = predicted;
        this.probabilities = probabilities;
        this.matrix = ConfusionMatrix.of(actual, predicted, classNames);
        this.report = ClassificationReport.of(matrix);
    }

    /**
     * Evaluates predicted labels against true labels.
     *
     * @param actual     true class index of each example
     * @param predicted  predicted class index of each example, same order
     * @param classNames name of each class, by index
     * @return the evaluation (without probabilities: no top-k accuracy, no confidence of mistakes)
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a label is outside
     *                                  {@code 0..classNames.size()-1}, or class names are missing or repeated
     */
    public static ClassificationEvaluation of(int[] actual, int[] predicted, List<String> classNames) {
        List<String> names = Inputs.classNames(classNames);
        Inputs.labels(actual, predicted, names.size());
        return new ClassificationEvaluation("", names, actual.clone(), predicted.clone(), null);
    }

    /**
     * Evaluates a model's per-class probabilities against true labels; the prediction is the most probable class
     * (the lowest index among exact ties, as {@code argmax} does).
     *
     * @param actual        true class index of each example
     * @param probabilities per example, the probability of each class (e.g. softmax outputs), same order
     * @param classNames    name of each class, by index
     * @return the evaluation, probabilities retained
     * @throws IllegalArgumentException if the sizes disagree, a label is out of range, or a value is not a
     *                                  probability (NaN, infinite, or outside [0, 1])
     */
    public static ClassificationEvaluation of(int[] actual, float[][] probabilities, List<String> classNames) {
        List<String> names = Inputs.classNames(classNames);
        Inputs.probabilities(actual, probabilities, names.size());
        float[][] copy = new float[probabilities.length][];
        int[] predicted = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            copy[i] = probabilities[i].clone();
            predicted[i] = argmax(copy[i]);
        }
        Inputs.labels(actual, predicted, names.size());
        return new ClassificationEvaluation("", names, actual.clone(), predicted, copy);
    }

    /**
     * Evaluates a model's output array against true labels, as {@link #of(int[], float[][], List)}.
     *
     * @param actual        true class index of each example
     * @param probabilities an {@code examples × classes} array of probabilities, e.g. {@code net.output(x)}
     * @param classNames    name of each class, by index
     * @return the evaluation, probabilities retained
     * @throws IllegalArgumentException if the array is not a matrix of that shape or holds non-probabilities
     */
    public static ClassificationEvaluation of(int[] actual, INDArray probabilities, List<String> classNames) {
        if (probabilities == null) {
            throw new IllegalArgumentException("probabilities are null: pass the network's output, one row per "
                    + "example");
        }
        if (probabilities.rank() != 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "probabilities have shape %s but must be a matrix [examples, classes]: pass the output of a "
                            + "classifier whose last layer is a softmax", java.util.Arrays.toString(
                            probabilities.shape())));
        }
        return of(actual, probabilities.toFloatMatrix(), classNames);
    }

    /**
     * @param newDescription what was evaluated, e.g. {@code "LeNet-5 on MNIST test"}; shown as a title
     * @return the same evaluation with that description
     */
    public ClassificationEvaluation withDescription(String newDescription) {
        return new ClassificationEvaluation(Objects.requireNonNull(newDescription, "description"), classNames,
                actual, predicted, probabilities);
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    /** @return what was evaluated (empty when not described) */
    public String description() {
        return description;
    }

    /** @return class names, by index */
    public List<String> classNames() {
        return classNames;
    }

    /** @return number of classes */
    public int numClasses() {
        return classNames.size();
    }

    /** @return number of examples evaluated */
    public int size() {
        return actual.length;
    }

    /** @return a copy of the true class of each example */
    public int[] actual() {
        return actual.clone();
    }

    /** @return a copy of the predicted class of each example */
    public int[] predicted() {
        return predicted.clone();
    }

    /** @return whether per-class probabilities are known (needed for top-k accuracy and confidences) */
    public boolean hasProbabilities() {
        return probabilities != null;
    }

    /**
     * @return a copy of the per-class probabilities, {@code [example][class]}
     * @throws IllegalStateException if the evaluation was built from labels only
     */
    public float[][] probabilities() {
        requireProbabilities("probabilities");
        float[][] copy = new float[probabilities.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = probabilities[i].clone();
        }
        return copy;
    }

    /** @return number of examples predicted correctly */
    public int correctCount() {
        return matrix.correct();
    }

    /** @return fraction of examples predicted correctly */
    public double accuracy() {
        return matrix.accuracy();
    }

    /** @return fraction of examples predicted wrongly, {@code 1 - accuracy} */
    public double errorRate() {
        return (double) (size() - correctCount()) / size();
    }

    /**
     * Fraction of examples whose true class is among the {@code k} most probable classes. Exact ties are broken
     * towards the lower class index, as for the prediction itself, so top-1 accuracy always equals
     * {@link #accuracy()}. (scikit-learn's {@code top_k_accuracy_score} breaks exact ties towards the higher index;
     * the two agree whenever no other class has exactly the true class's probability.)
     *
     * @param k how many of the most probable classes count as a hit, at least 1; {@code k >= numClasses()} gives 1
     * @return the top-k accuracy
     * @throws IllegalArgumentException if {@code k < 1}
     * @throws IllegalStateException    if the evaluation was built from labels only
     */
    public double topKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        requireProbabilities("top-k accuracy");
        int hits = 0;
        for (int i = 0; i < actual.length; i++) {
            if (rankOfTrueClass(i) < k) {
                hits++;
            }
        }
        return (double) hits / actual.length;
    }

    /** How many classes rank above the true class of example {@code i} (0 when it is the prediction). */
    private int rankOfTrueClass(int i) {
        float[] row = probabilities[i];
        int truth = actual[i];
        int above = 0;
        for (int c = 0; c < row.length; c++) {
            if (row[c] > row[truth] || (row[c] == row[truth] && c < truth)) {
                above++;
            }
        }
        return above;
    }

    /** @return the confusion matrix, rows = true classes, columns = predicted classes */
    public ConfusionMatrix confusionMatrix() {
        return matrix;
    }

    /** @return the classification report with scikit-learn's defaults (two digits, undefined values as 0.0) */
    public ClassificationReport classificationReport() {
        return report;
    }

    /**
     * @param digits digits after the decimal point
     * @return the classification report rendered with that many digits
     */
    public ClassificationReport classificationReport(int digits) {
        return report.withDigits(digits);
    }

    /**
     * @param digits       digits after the decimal point
     * @param zeroDivision what to report for undefined precision and recall
     * @return the classification report with those settings
     */
    public ClassificationReport classificationReport(int digits, ZeroDivision zeroDivision) {
        return ClassificationReport.of(matrix, digits, zeroDivision);
    }

    /**
     * @param classIndex class index
     * @return of the examples predicted as that class, the fraction truly of it (0.0 if never predicted)
     */
    public double precision(int classIndex) {
        return report.classMetrics(classIndex).precision();
    }

    /**
     * @param classIndex class index
     * @return of the examples of that class, the fraction predicted as it (0.0 if it has no examples)
     */
    public double recall(int classIndex) {
        return report.classMetrics(classIndex).recall();
    }

    /**
     * @param classIndex class index
     * @return F1 score of that class
     */
    public double f1(int classIndex) {
        return report.classMetrics(classIndex).f1();
    }

    /**
     * @param classIndex class index
     * @return number of examples of that class
     */
    public int support(int classIndex) {
        return matrix.support(classIndex);
    }

    /** @return unweighted mean precision, recall and F1 over the classes */
    public ClassMetrics macroAverage() {
        return report.macroAverage();
    }

    /** @return support-weighted mean precision, recall and F1 over the classes */
    public ClassMetrics weightedAverage() {
        return report.weightedAverage();
    }

    /** @return every wrongly predicted example, in example order */
    public List<Misclassification> misclassifications() {
        List<Misclassification> mistakes = new ArrayList<>(size() - correctCount());
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != predicted[i]) {
                mistakes.add(mistake(i));
            }
        }
        return mistakes;
    }

    /**
     * @param actualClass    true class index
     * @param predictedClass predicted class index
     * @return the examples of {@code actualClass} predicted as {@code predictedClass}, in example order (the
     *     examples behind one cell of the confusion matrix)
     * @throws IllegalArgumentException if a class index is out of range
     */
    public List<Misclassification> misclassifications(int actualClass, int predictedClass) {
        checkClass(actualClass, "actual class");
        checkClass(predictedClass, "predicted class");
        List<Misclassification> mistakes = new ArrayList<>();
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == actualClass && predicted[i] == predictedClass && actualClass != predictedClass) {
                mistakes.add(mistake(i));
            }
        }
        return mistakes;
    }

    /**
     * The mistakes the model was surest of: the wrongly predicted examples sorted by the probability of the wrong
     * prediction, highest first (ties in example order). These are often mislabelled or truly ambiguous examples.
     *
     * @param limit most mistakes to return
     * @return up to {@code limit} mistakes, most confident first
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws IllegalStateException    if the evaluation was built from labels only
     */
    public List<Misclassification> mostConfidentMistakes(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
        }
        requireProbabilities("confidence of mistakes");
        List<Misclassification> mistakes = misclassifications();
        mistakes.sort(Comparator.comparingDouble(Misclassification::confidence).reversed()
                .thenComparingInt(Misclassification::index));
        return List.copyOf(mistakes.subList(0, Math.min(limit, mistakes.size())));
    }

    private Misclassification mistake(int i) {
        double confidence = probabilities == null ? Double.NaN : probabilities[i][predicted[i]];
        double actualProbability = probabilities == null ? Double.NaN : probabilities[i][actual[i]];
        return new Misclassification(i, actual[i], classNames.get(actual[i]), predicted[i],
                classNames.get(predicted[i]), confidence, actualProbability);
    }

    private void checkClass(int classIndex, String what) {
        if (classIndex < 0 || classIndex >= numClasses()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %d is outside 0..%d", what,
                    classIndex, numClasses() - 1));
        }
    }

    private void requireProbabilities(String what) {
        if (probabilities == null) {
            throw new IllegalStateException(what + " needs the model's per-class probabilities, but this "
                    + "evaluation was built from labels only: use ClassificationEvaluation.of(actual, "
                    + "probabilities, classNames) or an Evaluator");
        }
    }

    /** Top-k values worth showing: k = 3 and 5 when there are more classes than k. */
    private List<Integer> shownTopK() {
        List<Integer> ks = new ArrayList<>();
        if (hasProbabilities()) {
            for (int k : new int[] {3, 5}) {
                if (k < numClasses()) {
                    ks.add(k);
                }
            }
        }
        return ks;
    }

    private String title() {
        return String.format(Locale.ROOT, "%s%d examples, %d classes",
                description.isEmpty() ? "" : description + ": ", size(), numClasses());
    }

    private String accuracyLine() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "accuracy %.4f (%d of %d correct)",
                accuracy(), correctCount(), size()));
        for (int k : shownTopK()) {
            line.append(String.format(Locale.ROOT, ", top-%d %.4f", k, topKAccuracy(k)));
        }
        return line.toString();
    }

    /**
     * Per-class report as a table; see {@link ClassificationReport#toTable()}.
     *
     * @return a new Tablesaw table with columns class, precision, recall, f1-score, support
     */
    public Table toTable() {
        return report.toTable();
    }

    /**
     * One row per example with columns {@code index}, {@code true}, {@code predicted}, {@code correct} and, with
     * probabilities, {@code confidence} (probability of the prediction) and {@code true class probability}: ready
     * for Tablesaw filtering, sorting and CSV export.
     *
     * @return a new Tablesaw table, in example order
     */
    public Table predictionsTable() {
        int n = size();
        int[] index = new int[n];
        String[] trueNames = new String[n];
        String[] predictedNames = new String[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
            trueNames[i] = classNames.get(actual[i]);
            predictedNames[i] = classNames.get(predicted[i]);
            correct[i] = actual[i] == predicted[i];
        }
        Table table = Table.create(description.isEmpty() ? "predictions" : "predictions: " + description,
                IntColumn.create("index", index), StringColumn.create("true", trueNames),
                StringColumn.create("predicted", predictedNames), BooleanColumn.create("correct", correct));
        if (hasProbabilities()) {
            double[] confidence = new double[n];
            double[] trueProbability = new double[n];
            for (int i = 0; i < n; i++) {
                confidence[i] = probabilities[i][predicted[i]];
                trueProbability[i] = probabilities[i][actual[i]];
            }
            table.addColumns(DoubleColumn.create("confidence", confidence),
                    DoubleColumn.create("true class probability", trueProbability));
        }
        return table;
    }

    /**
     * A terminal summary: title, accuracy (and top-3/top-5 with probabilities), the classification report, notes on
     * undefined values, the confusion matrix (up to 20 classes), the most confused pairs and, with probabilities,
     * the most confident mistakes.
     *
     * @return multi-line text
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(title()).append('\n').append(accuracyLine()).append("\n\n");
        text.append(report);
        for (String note : report.undefinedMetrics()) {
            text.append("Note: ").append(note).append('\n');
        }
        text.append('\n');
        if (numClasses() <= MAX_CLASSES_IN_TEXT_MATRIX) {
            text.append("Confusion matrix (rows = true class, columns = predicted class):\n").append(matrix)
                    .append('\n');
        } else {
            text.append(String.format(Locale.ROOT,
                    "The confusion matrix of %d classes is too wide for text: see confusionMatrix().toTable() "
                            + "or toHtml().\n\n", numClasses()));
        }
        List<ConfusedPair> pairs = matrix.mostConfusedPairs(PAIRS_SHOWN);
        if (pairs.isEmpty()) {
            text.append("No mistakes.\n");
        } else {
            text.append("Most confused (true -> predicted):\n");
            pairs.forEach(pair -> text.append("  ").append(pair).append('\n'));
        }
        if (hasProbabilities() && !pairs.isEmpty()) {
            text.append("Most confident mistakes:\n");
            mostConfidentMistakes(MISTAKES_SHOWN).forEach(m -> text.append("  ").append(m).append('\n'));
        }
        return text.toString();
    }

    /**
     * The summary as HTML for notebooks: title, accuracy line, report table, notes, confusion-matrix heat map, most
     * confused pairs and most confident mistakes. All class names and the description are escaped.
     *
     * @return an HTML {@code <div>} fragment
     */
    public String toHtml() {
        StringBuilder html = new StringBuilder("<div class=\"lenetlab-evaluation\">\n");
        html.append("<p><strong>").append(Formats.html(title())).append("</strong><br>")
                .append(Formats.html(accuracyLine())).append("</p>\n");
        html.append(report.toHtml());
        for (String note : report.undefinedMetrics()) {
            html.append("<p><em>Note:</em> ").append(Formats.html(note)).append("</p>\n");
        }
        html.append("<div style=\"overflow:auto;margin-top:1em\">\n").append(matrix.toHtml()).append("</div>\n");
        List<ConfusedPair> pairs = matrix.mostConfusedPairs(PAIRS_SHOWN);
        if (!pairs.isEmpty()) {
            html.append("<p>Most confused (true &rarr; predicted):</p>\n<ul>\n");
            for (ConfusedPair pair : pairs) {
                html.append("<li>").append(Formats.html(pair.actualName())).append(" &rarr; ")
                        .append(Formats.html(pair.predictedName()))
                        .append(String.format(Locale.ROOT, ": %d (%s)", pair.count(),
                                Formats.html(Formats.percent(pair.rate()))))
                        .append("</li>\n");
            }
            html.append("</ul>\n");
        }
        if (hasProbabilities() && !pairs.isEmpty()) {
            html.append("<table class=\"lenetlab-mistakes\" style=\"border-collapse:collapse\">\n")
                    .append("<caption>Most confident mistakes</caption>\n<thead><tr><th>example</th><th>true</th>"
                            + "<th>predicted</th><th>confidence</th><th>true class probability</th></tr></thead>\n"
                            + "<tbody>\n");
            for (Misclassification m : mostConfidentMistakes(MISTAKES_SHOWN)) {
                html.append(String.format(Locale.ROOT,
                        "<tr><td style=\"text-align:right\">%d</td><td>%s</td><td>%s</td>"
                                + "<td style=\"text-align:right\">%.3f</td><td style=\"text-align:right\">%.3f</td>"
                                + "</tr>\n", m.index(), Formats.html(m.actualName()),
                        Formats.html(m.predictedName()), m.confidence(), m.actualProbability()));
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</div>\n");
        return html.toString();
    }
}
