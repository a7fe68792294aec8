package org.lenetlab.exercises.imbalance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lenetlab.grading.Points;

class ClassWeightsHiddenTest {

    @Test
    @Points(2)
    void matchesScikitLearnOnAnImbalancedDigitSample() {
        // sklearn.utils.class_weight.compute_class_weight("balanced", classes=range(4), y=y) for
        // y = [0]*50 + [1]*25 + [2]*20 + [3]*5
        int[] labels = new int[100];
        int i = 0;
        for (int[] run : new int[][] {{0, 50}, {1, 25}, {2, 20}, {3, 5}}) {
            for (int k = 0; k < run[1]; k++) {
                labels[i++] = run[0];
            }
        }
        assertArrayEquals(new double[] {0.5, 1.0, 1.25, 5.0}, ClassWeights.balanced(labels, 4), 1e-12);
    }

    @Test
    @Points(2)
    void weightedCountsAreEqualForEveryClass() {
        Random random = new Random(3);
        int[] labels = new int[997];
        for (int j = 0; j < labels.length; j++) {
            labels[j] = random.nextInt(10) < 7 ? random.nextInt(3) : 3 + random.nextInt(7);
        }
        double[] w = ClassWeights.balanced(labels, 10);
        double[] weighted = new double[10];
        for (int label : labels) {
            weighted[label] += w[label];
        }
        double[] expected = new double[10];
        java.util.Arrays.fill(expected, labels.length / 10.0);
        assertArrayEquals(expected, weighted, 1e-9);
    }

    @Test
    @Points(1)
    void badLabelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(new int[] {0, 1, 5}, 2));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(new int[] {0, -1}, 2));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(new int[0], 2));
    }
}
