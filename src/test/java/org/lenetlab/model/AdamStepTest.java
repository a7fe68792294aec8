package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

class AdamStepTest {
    /** A gradient, first and second moments of 1,000 values, and a copy of each. */
    private record State(INDArray g, INDArray m, INDArray v, INDArray g2, INDArray m2, INDArray v2) {
        static State random(double gradientScale) {
            INDArray g = Nd4j.rand(DataType.FLOAT, 1, 1000).subi(0.5).muli(gradientScale);
            INDArray m = Nd4j.rand(DataType.FLOAT, 1, 1000).subi(0.5).muli(0.01);
            INDArray v = Nd4j.rand(DataType.FLOAT, 1, 1000).muli(1e-4);
            return new State(g, m, v, g.dup(), m.dup(), v.dup());
        }
    }

    @Test
    void computesWhatLibnd4jsAdamOpComputes() {
        AdamStep step = new AdamStep();
        Nd4j.getRandom().setSeed(11);
        for (int iteration : new int[] {0, 1, 57, 3000}) {
            State s = State.random(0.2);
            Nd4j.exec(new AdamUpdater(s.g2(), s.v2(), s.m2(), 1e-3, 0.9, 0.999, 1e-8, iteration));

            step.apply(s.g(), s.m(), s.v(), 1e-3, 0.9, 0.999, 1e-8, iteration, 1);

            assertClose(s.g2(), s.g(), "update at iteration " + iteration);
            assertClose(s.m2(), s.m(), "first moments at iteration " + iteration);
            assertClose(s.v2(), s.v(), "second moments at iteration " + iteration);
        }
    }

    @Test
    void dividesTheGradientFirstExactlyAsNd4jsDivi() {
        AdamStep step = new AdamStep();
        State s = State.random(13);
        s.g2().divi(64);
        step.apply(s.g2(), s.m2(), s.v2(), 1e-3, 0.9, 0.999, 1e-8, 5, 1);

        step.apply(s.g(), s.m(), s.v(), 1e-3, 0.9, 0.999, 1e-8, 5, 64);

        assertEquals(s.g2(), s.g());
        assertEquals(s.m2(), s.m());
        assertEquals(s.v2(), s.v());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = expected.amaxNumber().doubleValue();
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        // both compute in float; they may round the bias correction of the first steps differently
        assertTrue(diff <= 1e-4 * scale, what + ": largest difference " + diff + " of " + scale);
    }
}
