package org.lenetlab.exercises.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lenetlab.eval.ClassificationReport;
import org.lenetlab.eval.ConfusionMatrix;
import org.lenetlab.grading.Points;

class ClassificationMetricsHiddenTest {

    @Test
    @Points(3)
    void agreesWithTheLibraryOnRandomPredictions() {
        Random random = new Random(4);
        int n = 10;
        int[] actual = new int[2000];
        int[] predicted = new int[2000];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = random.nextInt(n - 1); // class 9 never occurs
            predicted[i] = random.nextDouble() < 0.8 ? actual[i] : random.nextInt(n);
        }
        List<String> names = java.util.stream.IntStream.range(0, n).mapToObj(Integer::toString).toList();
        ConfusionMatrix reference = ConfusionMatrix.of(actual, predicted, names);
        ClassificationReport report = ClassificationReport.of(reference);
        int[][] m = ClassificationMetrics.confusionMatrix(actual, predicted, n);
        for (int c = 0; c < n; c++) {
            assertArrayEquals(reference.counts()[c], m[c], "row " + c);
            assertEquals(report.classMetrics(c).precision(), ClassificationMetrics.precision(m, c), 1e-12, "precision " + c);
            assertEquals(report.classMetrics(c).recall(), ClassificationMetrics.recall(m, c), 1e-12, "recall " + c);
            assertEquals(report.classMetrics(c).f1(), ClassificationMetrics.f1(m, c), 1e-12, "f1 " + c);
        }
    }

    @Test
    @Points(1)
    void labelsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.confusionMatrix(new int[] {0, 3}, new int[] {0, 1}, 3));
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.confusionMatrix(new int[] {0, 1}, new int[] {0, -1}, 3));
    }
}
