package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

class AdamStepTest {
    @Test
    void computesWhatLibnd4jsAdamOpComputes() {
        AdamStep step = new AdamStep();
        Nd4j.getRandom().setSeed(11);
        for (int iteration : new int[] {0, 1, 57, 3000}) {
            INDArray g = Nd4j.rand(DataType.FLOAT, 1, 1000).subi(0.5).muli(0.2);
            INDArray m = Nd4j.rand(DataType.FLOAT, 1, 1000).subi(0.5).muli(0.01);
            INDArray v = Nd4j.rand(DataType.FLOAT, 1, 1000).muli(1e-4);
            INDArray g2 = g.dup();
            INDArray m2 = m.dup();
            INDArray v2 = v.dup();
            Nd4j.exec(new AdamUpdater(g2, v2, m2, 1e-3, 0.9, 0.999, 1e-8, iteration));

            step.apply(g, m, v, 1e-3, 0.9, 0.999, 1e-8, iteration, 1);

            assertClose(g2, g, "update at iteration " + iteration);
            assertClose(m2, m, "first moments at iteration " + iteration);
            assertClose(v2, v, "second moments at iteration " + iteration);
        }
    }

    @Test
    void dividesTheGradientFirstExactlyAsNd4jsDivi() {
        AdamStep step = new AdamStep();
        INDArray g = Nd4j.rand(DataType.FLOAT, 1, 1000).subi(0.5).muli(13);
        INDArray m = Nd4j.rand(DataType.FLOAT, 1, 1000).subi(0.5).muli(0.01);
        INDArray v = Nd4j.rand(DataType.FLOAT, 1, 1000).muli(1e-4);
        INDArray g2 = g.dup();
        INDArray m2 = m.dup();
        INDArray v2 = v.dup();
        g2.divi(64);
        step.apply(g2, m2, v2, 1e-3, 0.9, 0.999, 1e-8, 5, 1);

        step.apply(g, m, v, 1e-3, 0.9, 0.999, 1e-8, 5, 64);

        assertEquals(g2, g);
        assertEquals(m2, m);
        assertEquals(v2, v);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = expected.amaxNumber().doubleValue();
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        // both compute in float; they may round the bias correction of the first steps differently
        assertTrue(diff <= 1e-4 * scale, what + ": largest difference " + diff + " of " + scale);
    }
}
