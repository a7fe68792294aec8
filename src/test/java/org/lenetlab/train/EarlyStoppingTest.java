package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lenetlab.train.EarlyStopping.Decision;
import org.lenetlab.train.EarlyStopping.Settings;

/** Early stopping decisions, checked against Keras 3's EarlyStopping semantics by hand-traced sequences. */
class EarlyStoppingTest {

    /** Feeds values for epochs 1, 2, ... and returns the epoch of the first STOP (0 if none). */
    private static int stopEpoch(EarlyStopping es, double... values) {
        for (int i = 0; i < values.length; i++) {
            if (es.update(i + 1, values[i]) == Decision.STOP) {
                return i + 1;
            }
        }
        return 0;
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        EarlyStopping es = new EarlyStopping(Settings.monitor(Metric.VAL_LOSS).patience(2));
        assertEquals(4, stopEpoch(es, 1.0, 0.9, 0.95, 0.93, 0.92));
        assertEquals(0.9, es.best());
        assertEquals(2, es.bestEpoch());
        assertEquals(2, es.waitCount());
        assertEquals(4, es.stoppedEpoch());
    }

    @Test
    void improvementResetsTheWait() {
        EarlyStopping es = new EarlyStopping(Settings.monitor(Metric.VAL_LOSS).patience(2));
        // 3: wait 1, 4: improvement (reset), 5: wait 1, 6: wait 2 -> stop
        assertEquals(6, stopEpoch(es, 1.0, 0.9, 0.95, 0.8, 0.85, 0.81, 0.7));
        assertEquals(4, es.bestEpoch());
    }

    @Test
    void patienceZeroStopsAtTheFirstEpochWithoutImprovementButNeverAtEpochOne() {
        EarlyStopping es = new EarlyStopping(Settings.monitor(Metric.LOSS));
        assertEquals(Decision.CONTINUE, es.update(1, Double.NaN), "Keras never stops at the first epoch");
        assertEquals(Decision.CONTINUE, es.update(2, 0.5), "first real value improves on +inf");
        assertEquals(Decision.STOP, es.update(3, 0.5), "equal is not better");
    }

    @Test
    void minDeltaIsTheStrictMarginOfAnImprovement() {
        // values chosen exactly representable: improvement means value < best - 0.25
        EarlyStopping es = new EarlyStopping(Settings.monitor(Metric.VAL_LOSS).minDelta(0.25).patience(1));
        assertEquals(Decision.CONTINUE, es.update(1, 1.0));
        assertEquals(Decision.STOP, es.update(2, 0.75), "exactly minDelta better is not an improvement");
        EarlyStopping es2 = new EarlyStopping(Settings.monitor(Metric.VAL_LOSS).minDelta(0.25).patience(1));
        es2.update(1, 1.0);
        assertEquals(Decision.CONTINUE, es2.update(2, 0.5), "more than minDelta better improves");
        assertEquals(0.5, es2.best());
        assertEquals(2, es2.bestEpoch());
    }

    @Test
    void maxModeForAccuracy() {
        Settings s = Settings.monitor(Metric.VAL_ACCURACY).patience(1).minDelta(0.125);
        assertEquals(MonitorMode.MAX, s.mode());
        EarlyStopping es = new EarlyStopping(s);
        assertEquals(Decision.CONTINUE, es.update(1, 0.5));
        assertEquals(Decision.CONTINUE, es.update(2, 0.75), "0.75 - 0.125 > 0.5");
        assertEquals(Decision.STOP, es.update(3, 0.875), "0.875 - 0.125 = 0.75 is not > 0.75");
        assertEquals(0.75, es.best());
        assertEquals(2, es.bestEpoch());
    }

    @Test
    void explicitModeOverridesTheMetricsDirection() {
        EarlyStopping es = new EarlyStopping(Settings.monitor(Metric.LOSS).mode(MonitorMode.MAX).patience(1));
        es.update(1, 1.0);
        assertEquals(Decision.CONTINUE, es.update(2, 2.0));
        assertEquals(2, es.bestEpoch());
    }

    @Test
    void baselineMustBeBeatenForTheWaitToReset() {
        EarlyStopping es = new EarlyStopping(Settings.monitor(Metric.VAL_LOSS).patience(2).baseline(0.5));
        // improvements above the baseline keep counting: wait 1, 2, 3 (improvements never stop by themselves)
        assertEquals(Decision.CONTINUE, es.update(1, 0.8));
        assertEquals(Decision.CONTINUE, es.update(2, 0.7));
        assertEquals(2, es.waitCount(), "wait is 2 after two epochs that did not beat the baseline");
        assertEquals(Decision.STOP, es.update(3, 0.75), "no improvement and wait 3 >= 2");

        EarlyStopping beaten = new EarlyStopping(Settings.monitor(Metric.VAL_LOSS).patience(2).baseline(0.5));
        beaten.update(1, 0.8);
        beaten.update(2, 0.4);
        assertEquals(0, beaten.waitCount(), "beating the baseline resets the wait");
        assertEquals(Decision.CONTINUE, beaten.update(3, 0.45));
        assertEquals(Decision.STOP, beaten.update(4, 0.45));
    }

    @Test
    void restoreBestWeightsCountsTheFirstMonitoredEpochAsBest() {
        EarlyStopping restoring = new EarlyStopping(Settings.monitor(Metric.VAL_LOSS).restoreBestWeights(true).patience(3));
        restoring.update(1, Double.NaN);
        assertEquals(1, restoring.bestEpoch(), "Keras keeps the first epoch's weights even when its value is NaN");
        restoring.update(2, Double.NaN);
        assertEquals(1, restoring.bestEpoch());
        restoring.update(3, 0.5);
        assertEquals(3, restoring.bestEpoch());

        EarlyStopping plain = new EarlyStopping(Settings.monitor(Metric.VAL_LOSS).patience(3));
        plain.update(1, Double.NaN);
        assertEquals(0, plain.bestEpoch(), "without restoring, only an improvement makes a best epoch");
    }

    @Test
    void warmUpEpochsAreNotMonitored() {
        EarlyStopping es = new EarlyStopping(Settings.monitor(Metric.VAL_LOSS).startFromEpoch(2));
        assertEquals(Decision.CONTINUE, es.update(1, 5.0));
        assertEquals(Decision.CONTINUE, es.update(2, 6.0));
        assertEquals(0, es.waitCount());
        assertEquals(Double.POSITIVE_INFINITY, es.best());
        assertEquals(Decision.CONTINUE, es.update(3, 7.0));
        assertEquals(3, es.bestEpoch());
        assertEquals(Decision.STOP, es.update(4, 7.0));
    }

    @Test
    void stateRoundTripContinuesTheSameDecisions() {
        double[] values = {1.0, 0.8, 0.85, 0.79, 0.9, 0.95, 0.97, 0.99};
        Settings s = Settings.monitor(Metric.VAL_LOSS).patience(3).minDelta(0.02).restoreBestWeights(true);
        List<Decision> straight = new ArrayList<>();
        EarlyStopping a = new EarlyStopping(s);
        for (int i = 0; i < values.length; i++) {
            straight.add(a.update(i + 1, values[i]));
        }
        List<Decision> resumed = new ArrayList<>();
        EarlyStopping first = new EarlyStopping(s);
        for (int i = 0; i < 4; i++) {
            resumed.add(first.update(i + 1, values[i]));
        }
        EarlyStopping second = new EarlyStopping(s);
        second.restore(first.state());
        for (int i = 4; i < values.length; i++) {
            resumed.add(second.update(i + 1, values[i]));
        }
        assertEquals(straight, resumed);
        assertEquals(a.state(), second.state());
        assertEquals(2, a.bestEpoch(), "0.79 is not 0.02 better than 0.8");
        assertEquals(Decision.STOP, straight.get(4), "epochs 3, 4, 5 without improvement");
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        Settings s = Settings.monitor(Metric.VAL_LOSS);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.patience(-1)).getMessage().contains("patience"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.minDelta(-0.1)).getMessage().contains("minDelta"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.startFromEpoch(-2)).getMessage()
                .contains("startFromEpoch"));
        assertThrows(NullPointerException.class, () -> Settings.monitor(null));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(s).update(0, 1.0));
        assertEquals("monitor=val_loss, mode=min, patience=0, minDelta=0.0, baseline=none, restoreBestWeights=false, "
                + "startFromEpoch=0", s.toString());
    }

    @Test
    void metricKeysFollowKeras() {
        assertEquals(Metric.VAL_ACCURACY, Metric.fromKey("val_acc"));
        assertEquals(Metric.LOSS, Metric.fromKey(" Loss "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.fromKey("f1"));
        assertTrue(e.getMessage().contains("val_accuracy"), e.getMessage());
    }
}
