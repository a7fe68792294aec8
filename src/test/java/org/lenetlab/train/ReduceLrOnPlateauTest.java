package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lenetlab.train.ReduceLrOnPlateau.Settings;

/** Reduce-LR-on-plateau decisions, checked against Keras 3's ReduceLROnPlateau by hand-traced sequences. */
class ReduceLrOnPlateauTest {

    /** Learning rate used in each epoch when the metric takes these values (epoch 1 uses {@code lr}). */
    private static double[] rates(ReduceLrOnPlateau rop, double lr, double... values) {
        double[] used = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            used[i] = lr;
            lr = rop.update(values[i], lr);
        }
        return used;
    }

    @Test
    void reducesAfterPatienceEpochsWithoutImprovement() {
        ReduceLrOnPlateau rop = new ReduceLrOnPlateau(Settings.monitor(Metric.VAL_LOSS).factor(0.5).patience(2));
        // 1 improves on +inf; 2, 3 do not -> reduce after 3; 4, 5 do not -> reduce after 5
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.025},
                rates(rop, 0.1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        ReduceLrOnPlateau rop = new ReduceLrOnPlateau(Settings.monitor(Metric.VAL_LOSS).factor(0.5).patience(1)
                .minDelta(0.25));
        // 0.75 is exactly 0.25 below 1.0: not an improvement (value < best - minDelta is strict)
        assertArrayEquals(new double[] {0.1, 0.1, 0.05}, rates(rop, 0.1, 1.0, 0.75, 0.5));
        assertEquals(0.5, rop.best(), "0.5 is more than 0.25 below 1.0: an improvement");
        ReduceLrOnPlateau keen = new ReduceLrOnPlateau(Settings.monitor(Metric.VAL_LOSS).factor(0.5).patience(1)
                .minDelta(0.25));
        assertArrayEquals(new double[] {0.1, 0.1, 0.1}, rates(keen, 0.1, 1.0, 0.5, 0.25));
        assertEquals(0.5, keen.best(), "0.25 is not more than 0.25 below 0.5");
    }

    @Test
    void cooldownPausesTheCountingAndItsLastEpochCountsAgain() {
        Settings s = Settings.monitor(Metric.VAL_LOSS).factor(0.5).patience(2).minDelta(0);
        double[] flat = {1, 1, 1, 1, 1, 1, 1, 1};
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125},
                rates(new ReduceLrOnPlateau(s), 0.1, flat), "no cooldown: every second epoch");
        ReduceLrOnPlateau cooling = new ReduceLrOnPlateau(s.cooldown(2));
        // reduce after 3 (cooldown 2); 4: counter 2->1; 5: counter 1->0, wait 1; 6: wait 2 -> reduce
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025},
                rates(cooling, 0.1, flat));
        // after 8: the cooldown of the reduction after 6 ran out at 8, which already counted (wait 1)
        assertEquals(0, cooling.cooldownCounter());
        assertEquals(1, cooling.waitCount());
        cooling.update(0.5, 0.025);
        assertEquals(0, cooling.waitCount(), "an improvement resets the wait");
    }

    @Test
    void neverGoesBelowMinLr() {
        ReduceLrOnPlateau rop = new ReduceLrOnPlateau(Settings.monitor(Metric.LOSS).factor(0.1).patience(0)
                .minLr(0.005));
        double lr = 0.1;
        lr = rop.update(1.0, lr);
        assertEquals(0.1, lr, "first value improves");
        lr = rop.update(1.0, lr);
        assertEquals(0.1 * 0.1, lr, 1e-18);
        lr = rop.update(1.0, lr);
        assertEquals(0.005, lr, "clamped at minLr");
        assertEquals(0.005, rop.update(1.0, lr), "at minLr nothing more happens");
        assertEquals(0.005, rop.update(1.0, lr));
        assertEquals(2, rop.waitCount(), "Keras keeps counting while the rate cannot go lower");
    }

    @Test
    void maxModeForAccuracy() {
        ReduceLrOnPlateau rop = new ReduceLrOnPlateau(Settings.monitor(Metric.VAL_ACCURACY).factor(0.5).patience(1)
                .minDelta(0));
        assertEquals(MonitorMode.MAX, rop.settings().mode());
        assertArrayEquals(new double[] {1.0, 1.0, 1.0, 0.5}, rates(rop, 1.0, 0.5, 0.75, 0.5, 0.8));
    }

    @Test
    void nanNeverImproves() {
        ReduceLrOnPlateau rop = new ReduceLrOnPlateau(Settings.monitor(Metric.VAL_LOSS).factor(0.5).patience(1));
        assertArrayEquals(new double[] {0.1, 0.05}, rates(rop, 0.1, Double.NaN, 1.0));
    }

    @Test
    void stateRoundTrip() {
        Settings s = Settings.monitor(Metric.VAL_LOSS).factor(0.5).patience(1).cooldown(1);
        ReduceLrOnPlateau a = new ReduceLrOnPlateau(s);
        double lrA = 0.1;
        double[] values = {1, 1, 1, 0.5, 0.6, 0.6, 0.6};
        for (double v : values) {
            lrA = a.update(v, lrA);
        }
        ReduceLrOnPlateau first = new ReduceLrOnPlateau(s);
        double lrB = 0.1;
        for (int i = 0; i < 3; i++) {
            lrB = first.update(values[i], lrB);
        }
        ReduceLrOnPlateau second = new ReduceLrOnPlateau(s);
        second.restore(first.state());
        for (int i = 3; i < values.length; i++) {
            lrB = second.update(values[i], lrB);
        }
        assertEquals(lrA, lrB);
        assertEquals(a.state(), second.state());
    }

    @Test
    void kerasDefaultsAndBadSettings() {
        Settings s = Settings.monitor(Metric.VAL_LOSS);
        assertEquals(0.1, s.factor());
        assertEquals(10, s.patience());
        assertEquals(1e-4, s.minDelta());
        assertEquals(0, s.cooldown());
        assertEquals(0.0, s.minLr());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.factor(1.0)).getMessage().contains("factor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.factor(0)).getMessage().contains("factor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.cooldown(-1)).getMessage().contains("cooldown"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.minLr(-1)).getMessage().contains("minLr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.patience(-1)).getMessage().contains("patience"));
        assertThrows(IllegalArgumentException.class, () -> new ReduceLrOnPlateau(s).update(1.0, 0.0));
    }
}
