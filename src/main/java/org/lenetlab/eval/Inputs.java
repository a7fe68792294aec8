package org.lenetlab.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks of evaluation inputs, with messages that say what is wrong and how to fix it. */
final class Inputs {
    /** How far a probability may stray outside [0, 1] from float rounding in a softmax. */
    static final double PROBABILITY_SLACK = 1e-4;

    private Inputs() {
    }

    /**
     * @param classNames class names by index
     * @return an immutable copy
     * @throws IllegalArgumentException if the list is null or empty, or a name is null or repeated
     */
    static List<String> classNames(List<String> classNames) {
        if (classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException(
                    "class names are missing: pass one name per class, e.g. ImageDataset.numberedClasses(10)");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            String name = classNames.get(c);
            if (name == null) {
                throw new IllegalArgumentException("class name " + c + " is null: every class needs a name");
            }
            Integer first = seen.putIfAbsent(name, c);
            if (first != null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "classes %d and %d are both named \"%s\": class names must be unique", first, c, name));
            }
        }
        return List.copyOf(classNames);
    }

    /**
     * @param actual     true class of each example
     * @param predicted  predicted class of each example
     * @param numClasses number of classes
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ, or a label is out of range
     */
    static void labels(int[] actual, int[] predicted, int numClasses) {
        if (actual == null || predicted == null) {
            throw new IllegalArgumentException((actual == null ? "actual" : "predicted")
                    + " labels are null: pass one class index per example");
        }
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d actual labels but %d predicted labels: both must describe the same examples, in the same "
                            + "order", actual.length, predicted.length));
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("no examples to evaluate: the label arrays are empty");
        }
        labelRange(actual, "actual", numClasses);
        labelRange(predicted, "predicted", numClasses);
    }

    private static void labelRange(int[] labels, String what, int numClasses) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s label %d of example %d is outside 0..%d: there are %d class names; pass a name for "
                                + "every class", what, labels[i], i, numClasses - 1, numClasses));
            }
        }
    }

    /**
     * @param actual        true class of each example
     * @param probabilities per-class probabilities of each example
     * @param numClasses    number of classes
     * @throws IllegalArgumentException if the shapes disagree or a value is not a probability
     */
    static void probabilities(int[] actual, float[][] probabilities, int numClasses) {
        if (probabilities == null) {
            throw new IllegalArgumentException("probabilities are null: pass one row of class probabilities per "
                    + "example");
        }
        if (actual == null) {
            throw new IllegalArgumentException("actual labels are null: pass one class index per example");
        }
        if (actual.length != probabilities.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d actual labels but %d rows of probabilities: both must describe the same examples, in the "
                            + "same order", actual.length, probabilities.length));
        }
        for (int i = 0; i < probabilities.length; i++) {
            float[] row = probabilities[i];
            if (row == null || row.length != numClasses) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "probabilities of example %d have %s values but there are %d class names: the network's "
                                + "output size must equal the number of classes", i,
                        row == null ? "no" : Integer.toString(row.length), numClasses));
            }
            for (int c = 0; c < numClasses; c++) {
                float p = row[c];
                if (!Float.isFinite(p)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "probability of class %d for example %d is %s: the network produced no number "
                                    + "(did training diverge? try a lower learning rate)", c, i, p));
                }
                if (p < -PROBABILITY_SLACK || p > 1 + PROBABILITY_SLACK) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "probability of class %d for example %d is %s, outside [0, 1]: pass probabilities "
                                    + "(a softmax output), not raw scores", c, i, p));
                }
            }
        }
    }
}
