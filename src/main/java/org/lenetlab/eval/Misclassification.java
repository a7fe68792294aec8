package org.lenetlab.eval;

import java.util.List;
import java.util.Locale;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An example the model got wrong.
 *
 * @param index             position of the example in the evaluated data (e.g. the test set)
 * @param actual            its true class index
 * @param actualName        the true class name
 * @param predicted         the class index the model predicted
 * @param predictedName     the predicted class name
 * @param confidence        probability the model gave to its (wrong) prediction; {@code NaN} when the evaluation
 *                          was built from labels only
 * @param actualProbability probability the model gave to the true class; {@code NaN} without probabilities
 */
public record Misclassification(int index, int actual, String actualName, int predicted, String predictedName,
                                double confidence, double actualProbability) {

    /** @return whether the evaluation knew the model's probabilities for this example */
    public boolean hasProbabilities() {
        return !Double.isNaN(confidence);
    }

    /**
     * Lays out mistakes as a table with columns {@code index}, {@code true}, {@code predicted} and, when known,
     * {@code confidence} and {@code true class probability}.
     *
     * @param mistakes the mistakes, e.g. {@link ClassificationEvaluation#mostConfidentMistakes(int)}
     * @return a new table, one row per mistake, in the given order
     */
    public static Table toTable(List<Misclassification> mistakes) {
        Table table = Table.create("misclassified examples",
                IntColumn.create("index", mistakes.stream().mapToInt(Misclassification::index).toArray()),
                StringColumn.create("true", mistakes.stream().map(Misclassification::actualName)),
                StringColumn.create("predicted", mistakes.stream().map(Misclassification::predictedName)));
        if (!mistakes.isEmpty() && mistakes.stream().allMatch(Misclassification::hasProbabilities)) {
            table.addColumns(
                    DoubleColumn.create("confidence",
                            mistakes.stream().mapToDouble(Misclassification::confidence).toArray()),
                    DoubleColumn.create("true class probability",
                            mistakes.stream().mapToDouble(Misclassification::actualProbability).toArray()));
        }
        return table;
    }

    /** @return e.g. {@code #1234: true 4, predicted 9 (confidence 0.982, true class 0.011)} */
    @Override
    public String toString() {
        String head = String.format(Locale.ROOT, "#%d: true %s, predicted %s", index, actualName, predictedName);
        return hasProbabilities()
                ? head + String.format(Locale.ROOT, " (confidence %.3f, true class %.3f)", confidence,
                actualProbability)
                : head;
    }
}
