package org.lenetlab.exercises.stopping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lenetlab.grading.Hint;
import org.lenetlab.grading.Points;

class StoppingDecisionsTest {

    @Test
    @Points(2)
    @Hint("With patience 2 the loss may fail to improve twice; the second epoch without improvement stops training.")
    void stopsAfterPatienceEpochsWithoutImprovement() {
        assertEquals(4, StoppingDecisions.earlyStoppingEpoch(new double[] {1.0, 0.8, 0.9, 0.85, 0.95, 0.5}, 2, 0),
                "earlyStoppingEpoch(losses=[1.0, 0.8, 0.9, 0.85, 0.95, 0.5], patience=2, minDelta=0)");
    }

    @Test
    @Points(1)
    @Hint("Return 0 when the loss keeps improving often enough.")
    void neverStopsWhileImproving() {
        assertEquals(0, StoppingDecisions.earlyStoppingEpoch(new double[] {1.0, 0.9, 0.8, 0.7}, 1, 0),
                "earlyStoppingEpoch(losses=[1.0, 0.9, 0.8, 0.7], patience=1, minDelta=0)");
    }

    @Test
    @Points(2)
    @Hint("minDelta: an improvement must beat the best by MORE than minDelta. 0.95 + 0.1 < 1.0 is false.")
    void smallImprovementsDoNotCount() {
        assertEquals(3, StoppingDecisions.earlyStoppingEpoch(new double[] {1.0, 0.95, 0.92, 0.5}, 2, 0.1),
                "earlyStoppingEpoch(losses=[1.0, 0.95, 0.92, 0.5], patience=2, minDelta=0.1)");
    }

    @Test
    @Points(3)
    @Hint("After a reduction, wait out the cooldown; the epoch that brings the cooldown counter to 0 counts towards patience again.")
    void plateauHalvesTheRateWithCooldown() {
        double[] rates = StoppingDecisions.learningRates(new double[] {1.0, 1.0, 1.0, 1.0, 1.0, 1.0}, 0.1, 0.5, 1, 0,
                2, 0.0);
        assertArrayEquals(new double[] {0.1, 0.05, 0.05, 0.025, 0.025, 0.0125}, rates, 1e-15,
                "learningRates(losses=[1,1,1,1,1,1], lr=0.1, factor=0.5, patience=1, minDelta=0, cooldown=2, minLr=0)");
    }

    @Test
    @Points(1)
    @Hint("The rate never goes below minLr, and is not reduced at all once it is at minLr.")
    void rateStopsAtMinLr() {
        double[] rates = StoppingDecisions.learningRates(new double[] {2, 2, 2, 2}, 0.1, 0.1, 1, 0, 0, 0.05);
        assertArrayEquals(new double[] {0.1, 0.05, 0.05, 0.05}, rates, 1e-15,
                "learningRates(losses=[2,2,2,2], lr=0.1, factor=0.1, patience=1, minDelta=0, cooldown=0, minLr=0.05)");
    }
}
