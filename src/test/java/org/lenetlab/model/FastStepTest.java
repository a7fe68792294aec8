package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.lenetlab.model.LayerChecks.oneHot;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.deeplearning4j.optimize.stepfunctions.NegativeGradientStepFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The fast step subtracts the update as DL4J's step does, and training only uses it while prepared. */
class FastStepTest {
    @Test
    void trainsExactlyAsDl4jsStepAndIsUndoneAfterTraining() {
        MultiLayerNetwork plain = LeNet5.builder().input(new InputShape(12, 12, 1)).numClasses(3).seed(4).build()
                .network();
        MultiLayerNetwork fast = plain.clone();
        FastUpdater.install(plain); // the same updater on both: only the step differs
        try (FastLayers.Restore ignored = FastLayers.prepareForTraining(fast)) {
            assertInstanceOf(FastStep.class, ((BaseOptimizer) fast.getOptimizer()).getStepFunction());
            for (int step = 0; step < 3; step++) {
                INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 12, 12);
                INDArray y = oneHot(6, 3);
                plain.fit(x, y);
                fast.fit(x, y);
            }
        }
        assertEquals(plain.params(), fast.params());
        assertInstanceOf(NegativeGradientStepFunction.class, ((BaseOptimizer) fast.getOptimizer()).getStepFunction());
    }

    @Test
    void subtractsFromViewsAndInDoublePrecision() {
        FastStep step = new FastStep();
        INDArray all = Nd4j.createFromArray(9f, 1f, 2f, 3f, 9f);
        INDArray x = all.get(NDArrayIndex.interval(1, 4));
        step.step(x, Nd4j.createFromArray(0.5f, -1f, 3f), 0.1);
        assertEquals(Nd4j.createFromArray(9f, 0.5f, 3f, 0f, 9f), all, "the view's values only; step size ignored");

        INDArray d = Nd4j.createFromArray(1.0, 2.0);
        step.step(d, Nd4j.createFromArray(0.25, -0.5));
        assertEquals(Nd4j.createFromArray(0.75, 2.5), d);
    }

    @Test
    void stepsLargeNetworksAsDl4jDoes() {
        for (int length : new int[] {FastStep.MAX_JAVA_LENGTH, FastStep.MAX_JAVA_LENGTH + 1}) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, length);
            INDArray update = Nd4j.rand(DataType.FLOAT, 1, length).subi(0.5);
            INDArray expected = x.sub(update);
            new FastStep().step(x, update);
            assertEquals(expected, x, length + " parameters");
        }
    }
}
