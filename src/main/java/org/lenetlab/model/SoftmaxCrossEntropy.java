package org.lenetlab.model;

/**
 * A softmax output with DL4J's multi-class cross-entropy ({@code LossMCXENT}, optionally class-weighted), computed
 * in one pass over a batch's {@code rows × classes} logits, with the same conventions as DL4J:
 * <ul>
 *   <li>loss of a row: {@code −Σ_c w_c·y_c·log(p_c)}, with {@code p_c} clipped to {@code [ε, 1−ε]} for the
 *       logarithm only;</li>
 *   <li>gradient with respect to the logits: {@code p − y}, or {@code p·Σ_c(w_c·y_c) − w·y} with weights; not
 *       divided by the batch size (DL4J's updater does that).</li>
 * </ul>
 */
final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * Replaces each row of logits by its softmax.
     *
     * @param values  {@code rows × classes} logits, row-major; overwritten with probabilities
     * @param rows    rows
     * @param classes values per row
     */
    static void softmax(double[] values, int rows, int classes) {
        for (int r = 0; r < rows; r++) {
            int o = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, values[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(values[o + c] - max);
                values[o + c] = e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) {
                values[o + c] /= sum;
            }
        }
    }

    /**
     * @param probabilities {@code rows × classes} softmax outputs
     * @param labels        {@code rows × classes} targets (one-hot or soft)
     * @param weights       one weight per class, or null for none
     * @param clip          DL4J's softmax clipping ε
     * @return the summed loss of all rows
     */
    static double loss(double[] probabilities, double[] labels, double[] weights, int rows, int classes,
                       double clip) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * classes;
            for (int c = 0; c < classes; c++) {
                double y = labels[o + c];
                if (y != 0) {
                    double p = Math.min(Math.max(probabilities[o + c], clip), 1 - clip);
                    sum -= (weights == null ? 1 : weights[c]) * y * Math.log(p);
                }
            }
        }
        return sum;
    }

    /**
     * Writes the gradient of the loss with respect to the logits.
     *
     * @param probabilities {@code rows × classes} softmax outputs
     * @param labels        {@code rows × classes} targets
     * @param weights       one weight per class, or null for none
     * @param delta         {@code rows × classes}, overwritten
     */
    static void gradient(double[] probabilities, double[] labels, double[] weights, int rows, int classes,
                         double[] delta) {
        if (weights == null) {
            for (int i = 0; i < rows * classes; i++) {
                delta[i] = probabilities[i] - labels[i];
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int o = r * classes;
            double weightedLabels = 0;
            for (int c = 0; c < classes; c++) {
                weightedLabels += weights[c] * labels[o + c];
            }
            for (int c = 0; c < classes; c++) {
                delta[o + c] = probabilities[o + c] * weightedLabels - weights[c] * labels[o + c];
            }
        }
    }

    /**
     * Counts the rows whose most probable class is the label's, each the first largest value of its row as ND4J's
     * {@code argMax} picks it.
     *
     * @param probabilities {@code rows × classes} softmax outputs
     * @param labels        {@code rows × classes} targets
     * @param asFloat       compare the probabilities rounded to single precision, as a {@code FLOAT} output holds
     *                      them (two classes can tie only there)
     * @return how many rows are classified correctly
     */
    static long hits(double[] probabilities, double[] labels, int rows, int classes, boolean asFloat) {
        long hits = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * classes;
            int predicted = 0;
            int actual = 0;
            for (int c = 1; c < classes; c++) {
                double p = asFloat ? (float) probabilities[o + c] : probabilities[o + c];
                double best = asFloat ? (float) probabilities[o + predicted] : probabilities[o + predicted];
                if (p > best) {
                    predicted = c;
                }
                if (labels[o + c] > labels[o + actual]) {
                    actual = c;
                }
            }
            if (predicted == actual) {
                hits++;
            }
        }
        return hits;
    }
}
