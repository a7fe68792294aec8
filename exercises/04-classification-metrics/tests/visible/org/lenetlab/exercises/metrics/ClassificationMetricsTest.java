package org.lenetlab.exercises.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lenetlab.grading.Hint;
import org.lenetlab.grading.Points;

class ClassificationMetricsTest {
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 2, 2, 2, 2};
    private static final int[] PREDICTED = {0, 1, 0, 1, 1, 2, 0, 2, 1};

    @Test
    @Points(2)
    @Hint("Rows are the true classes, columns the predictions: the example (actual 0, predicted 1) adds 1 to m[0][1].")
    void confusionMatrix() {
        int[][] m = ClassificationMetrics.confusionMatrix(ACTUAL, PREDICTED, 3);
        assertArrayEquals(new int[] {2, 1, 0}, m[0], "row 0 of confusionMatrix(actual=[0,0,0,1,1,2,2,2,2], predicted=[0,1,0,1,1,2,0,2,1], 3)");
        assertArrayEquals(new int[] {0, 2, 0}, m[1], "row 1");
        assertArrayEquals(new int[] {1, 1, 2}, m[2], "row 2");
    }

    @Test
    @Points(2)
    @Hint("Precision of class 1: column 1 holds 4 predictions, 2 of them right.")
    void precisionAndRecall() {
        int[][] m = {{2, 1, 0}, {0, 2, 0}, {1, 1, 2}};
        assertEquals(0.5, ClassificationMetrics.precision(m, 1), 1e-12, "precision(m, class 1)");
        assertEquals(1.0, ClassificationMetrics.recall(m, 1), 1e-12, "recall(m, class 1)");
        assertEquals(0.5, ClassificationMetrics.recall(m, 2), 1e-12, "recall(m, class 2)");
    }

    @Test
    @Points(1)
    @Hint("F1 = 2PR / (P + R); for class 0, P = 2/3 and R = 2/3.")
    void f1() {
        int[][] m = {{2, 1, 0}, {0, 2, 0}, {1, 1, 2}};
        assertEquals(2.0 / 3, ClassificationMetrics.f1(m, 0), 1e-12, "f1(m, class 0)");
    }

    @Test
    @Points(1)
    @Hint("Never predicted and never present: scikit-learn's zero_division=0 makes precision, recall and F1 all 0.")
    void emptyClassScoresZero() {
        int[][] m = {{3, 0}, {0, 0}};
        assertEquals(0.0, ClassificationMetrics.precision(m, 1), "precision of a class never predicted");
        assertEquals(0.0, ClassificationMetrics.f1(m, 1), "f1 of a class never predicted nor present");
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.confusionMatrix(new int[] {0, 1}, new int[] {0}, 2), "arrays of different lengths");
    }
}
