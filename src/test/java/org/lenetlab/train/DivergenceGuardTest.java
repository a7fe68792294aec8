package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DivergenceGuardTest {

    @Test
    void nanLossStopsWithAnActionableMessage() {
        DivergenceGuard guard = new DivergenceGuard(1e4);
        guard.check(1, 1, 10, 2.3, 0.5, 0.5);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.check(2, 7, 10, Double.NaN, 0.5, 0.5));
        String m = e.getMessage();
        assertTrue(m.startsWith("Training diverged in epoch 2, batch 7 of 10: the loss became NaN (loss NaN, "
                + "learning rate 0.500)."), m);
        assertTrue(m.contains("smaller learning rate") && m.contains("0.0500"), m);
        assertTrue(m.contains("normalised") && m.contains("labels"), m);
        assertEquals(2, e.epoch());
        assertEquals(7, e.batch());
        assertEquals(10, e.batches());
        assertEquals(0.5, e.learningRate());
        assertTrue(Double.isNaN(e.loss()));
    }

    @Test
    void nonFiniteLossesAndWeightsStop() {
        DivergenceGuard guard = new DivergenceGuard(1e4);
        assertTrue(assertThrows(TrainingDivergedException.class,
                () -> guard.check(1, 1, 3, Double.POSITIVE_INFINITY, 1, 1)).getMessage().contains("loss became infinite"));
        assertTrue(assertThrows(TrainingDivergedException.class,
                () -> guard.check(1, 1, 3, 1, Double.NaN, 1)).getMessage().contains("a weight became NaN"));
        assertTrue(assertThrows(TrainingDivergedException.class,
                () -> guard.check(1, 1, 3, 1, Double.POSITIVE_INFINITY, 1)).getMessage().contains("weight became infinite"));
    }

    @Test
    void lossExplosionIsMeasuredAgainstTheFirstBatchLoss() {
        DivergenceGuard guard = new DivergenceGuard(1e4);
        assertEquals(Double.POSITIVE_INFINITY, guard.lossThreshold());
        guard.check(1, 1, 5, 2.0, 0, 0.1);
        assertEquals(2.0, guard.referenceLoss());
        assertEquals(20_000, guard.lossThreshold());
        assertDoesNotThrow(() -> guard.check(1, 2, 5, 19_999, 0, 0.1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.check(1, 3, 5, 20_001, 0, 0.1));
        assertTrue(e.getMessage().contains("the loss 2.000e+04 exceeded 2.000e+04 (1.000e+04 × the first batch's loss"),
                e.getMessage());
    }

    @Test
    void weightExplosionIsMeasuredAgainstTheUntrainedWeights() {
        DivergenceGuard guard = new DivergenceGuard(1e4);
        guard.startWeights(0.5);
        assertEquals(10_000, guard.weightThreshold(), "floored at 1");
        assertDoesNotThrow(() -> guard.check(1, 1, 5, 1.1, 50, 0.1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.check(1, 2, 5, 1.1, 2e5, 1e6));
        assertTrue(e.getMessage().contains("largest weight magnitude reached 2.000e+05"), e.getMessage());
        assertTrue(e.getMessage().contains("(loss 1.100, learning rate 1.00e+06)"), e.getMessage());
        guard.startWeights(3);
        assertEquals(30_000, guard.weightThreshold());
    }

    @Test
    void smallStartingLossesAreFlooredAtOne() {
        DivergenceGuard guard = new DivergenceGuard(100);
        guard.check(1, 1, 5, 0.001, 0, 0.1);
        assertEquals(100, guard.lossThreshold());
        assertDoesNotThrow(() -> guard.check(1, 2, 5, 50, 0, 0.1));
    }

    @Test
    void infiniteFactorDisablesOnlyTheExplosionRules() {
        DivergenceGuard guard = new DivergenceGuard(Double.POSITIVE_INFINITY);
        guard.startWeights(1);
        guard.check(1, 1, 5, 1, 1, 0.1);
        assertDoesNotThrow(() -> guard.check(1, 2, 5, 1e300, 1e300, 0.1));
        assertThrows(TrainingDivergedException.class, () -> guard.check(1, 3, 5, Double.NaN, 1, 0.1));
    }

    @Test
    void restoredReferencesContinue() {
        DivergenceGuard guard = new DivergenceGuard(10);
        guard.restore(3.0, 2.0);
        assertThrows(TrainingDivergedException.class, () -> guard.check(3, 1, 5, 31, 1, 0.1));
        assertThrows(TrainingDivergedException.class, () -> guard.check(3, 1, 5, 1, 21, 0.1));
        assertDoesNotThrow(() -> guard.check(3, 1, 5, 29, 19, 0.1));
    }

    @Test
    void factorMustExceedOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(1));
        assertTrue(e.getMessage().contains("divergence factor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(Double.NaN));
    }
}
