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
        guard.check(1, 1, 10, 2.3, 0.5);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.check(2, 7, 10, Double.NaN, 0.5));
        String m = e.getMessage();
        assertTrue(m.contains("epoch 2, batch 7 of 10"), m);
        assertTrue(m.contains("NaN"), m);
        assertTrue(m.contains("learning rate 0.500"), m);
        assertTrue(m.contains("smaller learning rate") && m.contains("0.0500"), m);
        assertTrue(m.contains("normalised") && m.contains("labels"), m);
        assertEquals(2, e.epoch());
        assertEquals(7, e.batch());
        assertEquals(0.5, e.learningRate());
        assertTrue(Double.isNaN(e.loss()));
    }

    @Test
    void infiniteLossStops() {
        DivergenceGuard guard = new DivergenceGuard(1e4);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.check(1, 1, 3, Double.POSITIVE_INFINITY, 1));
        assertTrue(e.getMessage().contains("infinite"), e.getMessage());
    }

    @Test
    void explosionIsMeasuredAgainstTheFirstBatchLoss() {
        DivergenceGuard guard = new DivergenceGuard(1e4);
        assertEquals(Double.POSITIVE_INFINITY, guard.threshold());
        guard.check(1, 1, 5, 2.0, 0.1);
        assertEquals(2.0, guard.referenceLoss());
        assertEquals(20_000, guard.threshold());
        assertDoesNotThrow(() -> guard.check(1, 2, 5, 19_999, 0.1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.check(1, 3, 5, 20_001, 0.1));
        assertTrue(e.getMessage().contains("2.000e+04"), e.getMessage());
    }

    @Test
    void smallStartingLossesAreFlooredAtOne() {
        DivergenceGuard guard = new DivergenceGuard(100);
        guard.check(1, 1, 5, 0.001, 0.1);
        assertEquals(100, guard.threshold());
        assertDoesNotThrow(() -> guard.check(1, 2, 5, 50, 0.1));
    }

    @Test
    void infiniteFactorDisablesOnlyTheExplosionRule() {
        DivergenceGuard guard = new DivergenceGuard(Double.POSITIVE_INFINITY);
        guard.check(1, 1, 5, 1, 0.1);
        assertDoesNotThrow(() -> guard.check(1, 2, 5, 1e300, 0.1));
        assertThrows(TrainingDivergedException.class, () -> guard.check(1, 3, 5, Double.NaN, 0.1));
    }

    @Test
    void restoredReferenceContinues() {
        DivergenceGuard guard = new DivergenceGuard(10);
        guard.restore(3.0);
        assertThrows(TrainingDivergedException.class, () -> guard.check(3, 1, 5, 31, 0.1));
    }

    @Test
    void factorMustExceedOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(1));
        assertTrue(e.getMessage().contains("divergence factor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(Double.NaN));
    }
}
