package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/** Schedules and optimiser descriptions (no network needed). */
class LearningRateScheduleTest {

    @Test
    void constantStepAndExponential() {
        assertEquals(0.1, LearningRateSchedule.constant().rate(7, 0.1));
        LearningRateSchedule step = LearningRateSchedule.stepDecay(0.5, 2);
        assertEquals(0.1, step.rate(1, 0.1));
        assertEquals(0.1, step.rate(2, 0.1));
        assertEquals(0.05, step.rate(3, 0.1));
        assertEquals(0.05, step.rate(4, 0.1));
        assertEquals(0.025, step.rate(5, 0.1));
        LearningRateSchedule exp = LearningRateSchedule.exponential(0.9);
        assertEquals(1.0, exp.rate(1, 1.0));
        assertEquals(0.9, exp.rate(2, 1.0), 1e-15);
        assertEquals(0.729, exp.rate(4, 1.0), 1e-15);
        assertEquals("step-decay(factor=0.5, every=2)", step.toString());
        assertEquals("exponential(gamma=0.9)", exp.toString());
        assertEquals(step, LearningRateSchedule.stepDecay(0.5, 2));
    }

    @Test
    void badSchedulesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(1.5, 2))
                .getMessage().contains("1.5"));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant().rate(0, 0.1));
    }

    @Test
    void optimizersBuildTheMatchingDl4jUpdaters() {
        assertEquals(new Sgd(0.1), Optimizer.sgd(0.1).toUpdater(0.1));
        Nesterovs n = (Nesterovs) Optimizer.sgdMomentum(0.01, 0.9).toUpdater(0.02);
        assertEquals(0.02, n.getLearningRate());
        assertEquals(0.9, n.getMomentum());
        Adam adam = (Adam) Optimizer.adam(1e-3).toUpdater(1e-3);
        assertEquals(0.9, adam.getBeta1());
        assertEquals(0.999, adam.getBeta2());
        assertEquals("adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)", Optimizer.adam(1e-3).toString());
        assertEquals("sgd-nesterov(lr=0.01, momentum=0.9)", Optimizer.sgdMomentum(0.01, 0.9).toString());
        assertEquals(Optimizer.sgd(0.5), Optimizer.sgd(0.1).withLearningRate(0.5));
    }

    @Test
    void badOptimizersAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0)).getMessage()
                .contains("learning rate"));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(Double.NaN));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Optimizer.sgdMomentum(0.1, 1.0)).getMessage()
                .contains("momentum"));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(1e-3, 0.9, 0.999, 0));
    }
}
