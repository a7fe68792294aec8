package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** The generalisation gap: picked at the best epoch, signs, the run's early-stopping best, and bad input. */
class GeneralisationGapTest {

    private static History overfitting() {
        return History.of(List.of(
                new EpochRecord(1, 0.90, 0.70, 0.80, 0.74, 1e-3, 1, false),
                new EpochRecord(2, 0.40, 0.88, 0.45, 0.86, 1e-3, 1, false),
                new EpochRecord(3, 0.20, 0.94, 0.38, 0.89, 1e-3, 1, false),
                new EpochRecord(4, 0.08, 0.98, 0.47, 0.90, 1e-3, 1, false)));
    }

    @Test
    void gapAtTheLowestValidationLoss() {
        GeneralisationGap gap = GeneralisationGap.of(overfitting());
        assertEquals(3, gap.epoch());
        assertEquals(0.94 - 0.89, gap.accuracyGap(), 1e-12);
        assertEquals(0.38 - 0.20, gap.lossGap(), 1e-12);
        assertEquals("epoch 3: accuracy 94.00 % train vs 89.00 % val (gap +5.00 pts), loss 0.2000 vs 0.3800 "
                + "(gap +0.1800)", gap.toString());
        GeneralisationGap byAccuracy = GeneralisationGap.of(overfitting(), Metric.VAL_ACCURACY);
        assertEquals(4, byAccuracy.epoch());
        assertEquals(0.47 - 0.08, byAccuracy.lossGap(), 1e-12);
        assertTrue(GeneralisationGap.atEpoch(overfitting(), 1).accuracyGap() < 0, "underfit start: negative gap");
    }

    @Test
    void aRunsBestEpochWins() {
        TrainingResult result = new TrainingResult(null, overfitting(), StopReason.EARLY_STOPPING, "early stopping",
                OptionalInt.of(2), 4, 4, 100);
        assertEquals(2, GeneralisationGap.of(result).epoch());
    }

    @Test
    void historiesWithoutValidationAreRefused() {
        History noVal = History.of(List.of(new EpochRecord(1, 0.5, 0.8, Double.NaN, Double.NaN, 1e-3, 1, false)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GeneralisationGap.of(noVal)).getMessage()
                .contains("no validation metrics"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GeneralisationGap.of(History.empty()))
                .getMessage().contains("no epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GeneralisationGap.atEpoch(overfitting(), 9))
                .getMessage().contains("epochs 1..4"));
    }
}
