package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The three verdicts, the figures behind them, and histories that cannot be diagnosed. */
class FitDiagnosisTest {

    /** Each row: loss, accuracy, val_loss, val_accuracy. */
    private static History history(double[]... epochs) {
        List<EpochRecord> records = new ArrayList<>();
        for (int i = 0; i < epochs.length; i++) {
            double[] e = epochs[i];
            records.add(new EpochRecord(i + 1, e[0], e[1], e[2], e[3], 0.01, 1, false));
        }
        return History.of(records);
    }

    @Test
    void validationLossClimbingWhileTrainingLossFallsIsOverfitting() {
        FitDiagnosis d = FitDiagnosis.of(history(
                new double[] {0.50, 0.85, 0.30, 0.91},
                new double[] {0.20, 0.94, 0.20, 0.94},
                new double[] {0.10, 0.97, 0.22, 0.945},
                new double[] {0.05, 0.99, 0.30, 0.94}));
        assertEquals(FitDiagnosis.Verdict.OVERFITTING, d.verdict());
        assertEquals(2, d.bestEpoch());
        assertEquals(4, d.lastEpoch());
        assertEquals(50.0, d.valLossRisePercent(), 1e-9);
        assertEquals(-75.0, d.trainLossChangePercent(), 1e-9);
        assertEquals(0.0, d.valAccuracyChangePoints(), 1e-9);
        assertEquals("Overfitting: validation loss was lowest after epoch 2 (0.2000) and rose 50.0 % by epoch 4 "
                + "(0.3000), while training loss fell from 0.2000 to 0.0500 (-75.0 %); validation accuracy went from "
                + "94.00 % to 94.00 % (+0.00 pts). The network keeps fitting its training images better without "
                + "getting better at new ones: the weights of epoch 2 are the ones to keep.", d.toString());
    }

    @Test
    void lowestValidationLossAtTheEndIsStillImproving() {
        FitDiagnosis d = FitDiagnosis.of(history(
                new double[] {2.2, 0.30, 2.1, 0.57},
                new double[] {1.8, 0.62, 1.4, 0.66},
                new double[] {0.9, 0.76, 0.7, 0.81}));
        assertEquals(FitDiagnosis.Verdict.STILL_IMPROVING, d.verdict());
        assertEquals(3, d.bestEpoch());
        assertTrue(d.toString().startsWith("Still improving: validation loss is lowest after the last epoch, 3 "
                + "(0.7000, validation accuracy 81.00 %)"), d.toString());
    }

    @Test
    void aSmallRiseOrATrainingLossThatStoppedFallingIsLevelledOff() {
        // val loss 4 % above its minimum: inside the tolerance
        FitDiagnosis small = FitDiagnosis.of(history(
                new double[] {0.3, 0.9, 0.250, 0.93},
                new double[] {0.2, 0.94, 0.200, 0.94},
                new double[] {0.1, 0.97, 0.208, 0.94}));
        assertEquals(FitDiagnosis.Verdict.LEVELLED_OFF, small.verdict());
        assertEquals(4.0, small.valLossRisePercent(), 1e-9);
        // val loss up 50 % but training loss rose too (e.g. a learning rate that is too high): not overfitting
        FitDiagnosis unstable = FitDiagnosis.of(history(
                new double[] {0.3, 0.9, 0.2, 0.94},
                new double[] {0.4, 0.88, 0.3, 0.91}));
        assertEquals(FitDiagnosis.Verdict.LEVELLED_OFF, unstable.verdict());
        assertTrue(unstable.toString().startsWith("Levelled off: validation loss was lowest after epoch 1"),
                unstable.toString());
    }

    @Test
    void historiesWithoutValidationCannotBeDiagnosed() {
        History noVal = History.of(List.of(new EpochRecord(1, 0.5, 0.8, Double.NaN, Double.NaN, 1e-3, 1, false)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FitDiagnosis.of(noVal)).getMessage()
                .contains("no validation metrics"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FitDiagnosis.of(History.empty()))
                .getMessage().contains("no epochs"));
    }
}
