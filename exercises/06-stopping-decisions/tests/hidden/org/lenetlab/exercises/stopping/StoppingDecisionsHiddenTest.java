package org.lenetlab.exercises.stopping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lenetlab.grading.Points;
import org.lenetlab.train.EarlyStopping;
import org.lenetlab.train.Metric;
import org.lenetlab.train.ReduceLrOnPlateau;

class StoppingDecisionsHiddenTest {

    private static double[] noisyLosses(Random random, int n) {
        double[] losses = new double[n];
        double level = 2.0;
        for (int i = 0; i < n; i++) {
            level *= 0.9 + 0.15 * random.nextDouble();
            losses[i] = Math.round(level * 100) / 100.0; // ties happen, as they do in rounded logs
        }
        return losses;
    }

    @Test
    @Points(3)
    void earlyStoppingAgreesWithTheLibrary() {
        Random random = new Random(61);
        for (int run = 0; run < 300; run++) {
            double[] losses = noisyLosses(random, 5 + random.nextInt(25));
            int patience = random.nextInt(5);
            double minDelta = random.nextInt(3) * 0.01;
            EarlyStopping reference = new EarlyStopping(EarlyStopping.Settings.monitor(Metric.VAL_LOSS)
                    .patience(patience).minDelta(minDelta));
            int expected = 0;
            for (int e = 1; e <= losses.length; e++) {
                if (reference.update(e, losses[e - 1]) == EarlyStopping.Decision.STOP) {
                    expected = e;
                    break;
                }
            }
            assertEquals(expected, StoppingDecisions.earlyStoppingEpoch(losses, patience, minDelta),
                    "run " + run + ": patience " + patience + ", minDelta " + minDelta);
        }
    }

    @Test
    @Points(3)
    void plateauAgreesWithTheLibrary() {
        Random random = new Random(62);
        for (int run = 0; run < 300; run++) {
            double[] losses = noisyLosses(random, 5 + random.nextInt(25));
            int patience = random.nextInt(4);
            int cooldown = random.nextInt(3);
            double factor = 0.1 + 0.4 * random.nextInt(2);
            double minLr = random.nextBoolean() ? 0 : 1e-3;
            ReduceLrOnPlateau reference = new ReduceLrOnPlateau(ReduceLrOnPlateau.Settings.monitor(Metric.VAL_LOSS)
                    .factor(factor).patience(patience).minDelta(1e-4).cooldown(cooldown).minLr(minLr));
            double[] expected = new double[losses.length];
            double lr = 0.01;
            for (int i = 0; i < losses.length; i++) {
                lr = reference.update(losses[i], lr);
                expected[i] = lr;
            }
            assertArrayEquals(expected, StoppingDecisions.learningRates(losses, 0.01, factor, patience, 1e-4,
                    cooldown, minLr), 0, "run " + run);
        }
    }
}
