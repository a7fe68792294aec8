package org.lenetlab.exercises.metrics;

/** Confusion matrix and per-class precision, recall and F1. Reference solution of exercise 04. */
public final class ClassificationMetrics {
    private ClassificationMetrics() {
    }

    /** @return m[actual][predicted] = number of examples */
    public static int[][] confusionMatrix(int[] actual, int[] predicted, int numClasses) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " true labels but " + predicted.length + " predictions");
        }
        int[][] m = new int[numClasses][numClasses];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= numClasses || predicted[i] < 0 || predicted[i] >= numClasses) {
                throw new IllegalArgumentException("label at index " + i + " is outside 0.." + (numClasses - 1));
            }
            m[actual[i]][predicted[i]]++;
        }
        return m;
    }

    /** @return m[c][c] / (sum of column c), 0 if the column is empty */
    public static double precision(int[][] m, int c) {
        long column = 0;
        for (int[] row : m) {
            column += row[c];
        }
        return column == 0 ? 0 : (double) m[c][c] / column;
    }

    /** @return m[c][c] / (sum of row c), 0 if the row is empty */
    public static double recall(int[][] m, int c) {
        long row = 0;
        for (int v : m[c]) {
            row += v;
        }
        return row == 0 ? 0 : (double) m[c][c] / row;
    }

    /** @return 2PR / (P + R), 0 if both are 0 */
    public static double f1(int[][] m, int c) {
        double p = precision(m, c);
        double r = recall(m, c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
