package org.lenetlab.exercises.imbalance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lenetlab.grading.Hint;
import org.lenetlab.grading.Points;

class ClassWeightsTest {

    @Test
    @Points(2)
    @Hint("Balanced classes all get weight 1: n_samples / (n_classes * count) = 6 / (3 * 2).")
    void balancedDataGivesOnes() {
        assertArrayEquals(new double[] {1, 1, 1}, ClassWeights.balanced(new int[] {0, 1, 2, 2, 1, 0}, 3), 1e-12,
                "balanced(labels=[0,1,2,2,1,0], numClasses=3)");
    }

    @Test
    @Points(3)
    @Hint("Rare classes get large weights: for [0,0,0,1] class 1 gets 4 / (2 * 1) = 2.0. Divide as doubles, not ints.")
    void rareClassesWeighMore() {
        assertArrayEquals(new double[] {4.0 / 6, 2.0}, ClassWeights.balanced(new int[] {0, 0, 0, 1}, 2), 1e-12,
                "balanced(labels=[0,0,0,1], numClasses=2)");
    }

    @Test
    @Points(1)
    @Hint("A class with no examples has no finite weight: throw IllegalArgumentException naming the class.")
    void missingClassIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(new int[] {0, 0, 2}, 3),
                "balanced(labels=[0,0,2], numClasses=3): class 1 never occurs");
    }
}
