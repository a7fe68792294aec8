package org.lenetlab.exercises.metrics;

import org.lenetlab.grading.NotImplementedYet;

/** Confusion matrix and per-class precision, recall and F1. Exercise 04. */
public final class ClassificationMetrics {
    private ClassificationMetrics() {
    }

    /** @return m[actual][predicted] = number of examples */
    public static int[][] confusionMatrix(int[] actual, int[] predicted, int numClasses) {
        throw new NotImplementedYet("ClassificationMetrics.confusionMatrix: count m[actual[i]][predicted[i]]++");
    }

    /** @return m[c][c] / (sum of column c), 0 if the column is empty */
    public static double precision(int[][] m, int c) {
        throw new NotImplementedYet("ClassificationMetrics.precision: true positives / everything predicted as c");
    }

    /** @return m[c][c] / (sum of row c), 0 if the row is empty */
    public static double recall(int[][] m, int c) {
        throw new NotImplementedYet("ClassificationMetrics.recall: true positives / everything that really is c");
    }

    /** @return 2PR / (P + R), 0 if both are 0 */
    public static double f1(int[][] m, int c) {
        throw new NotImplementedYet("ClassificationMetrics.f1: harmonic mean of precision and recall");
    }
}
