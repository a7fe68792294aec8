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
}
