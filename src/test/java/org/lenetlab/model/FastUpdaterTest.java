package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.lenetlab.model.LayerChecks.oneHot;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fast updater updates exactly as DL4J's, with and without regularisation, and keeps the optimiser state. */
class FastUpdaterTest {
    @Test
    void updatesExactlyAsDl4jWithAndWithoutWeightDecay() {
        for (double l2 : new double[] {0, 1e-2}) {
            MultiLayerNetwork plain = LeNet5.builder().input(new InputShape(12, 12, 1)).numClasses(3).l2(l2).seed(2)
                    .build().network();
            MultiLayerNetwork fast = plain.clone();
            FastUpdater.install(fast);
            assertInstanceOf(FastUpdater.class, fast.getUpdater());
            for (int step = 0; step < 4; step++) {
                INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 12, 12);
                INDArray y = oneHot(6, 3);
                plain.fit(x, y);
                fast.fit(x, y);
            }
            assertEquals(plain.params(), fast.params(), "L2 " + l2);
            assertEquals(plain.getUpdater().getStateViewArray(), fast.getUpdater().getStateViewArray(), "L2 " + l2);
        }
    }

    @Test
    void updatesEveryBlockAtItsOwnOffsetAsDl4j() {
        // batch norm's running mean and variance are not Adam's: they split the parameters into five blocks
        MultiLayerNetwork plain = ModernLeNet.builder().input(new InputShape(12, 12, 1)).numClasses(3)
                .batchNorm(true).dropout(0).seed(2).build().network();
        MultiLayerNetwork fast = plain.clone();
        FastUpdater.install(fast);
        assertEquals(5, ((MultiLayerUpdater) fast.getUpdater()).getUpdaterBlocks().size());
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 12, 12);
        INDArray y = oneHot(6, 3);
        // one step: after that, a one-ulp difference in an Adam step (the native op's compiler may fuse a
        // multiply-add) grows large on the convolution biases, whose gradient under batch norm is rounding noise
        plain.fit(x, y);
        fast.fit(x, y);
        assertEquals(plain.params(), fast.params());
        assertEquals(plain.getUpdater().getStateViewArray(), fast.getUpdater().getStateViewArray());
    }

    @Test
    void takesOverTheOptimiserStateOfTheUpdaterItReplaces() {
        MultiLayerNetwork net = LeNet5.builder().input(new InputShape(12, 12, 1)).numClasses(3).seed(2).build()
                .network();
        net.fit(Nd4j.rand(DataType.FLOAT, 6, 1, 12, 12), oneHot(6, 3));
        INDArray state = net.getUpdater().getStateViewArray();
        assertNotEquals(0.0, state.amaxNumber().doubleValue(), "Adam has moments after a step");

        FastUpdater.install(net);

        assertSame(state, net.getUpdater().getStateViewArray());
    }

    @Test
    void survivesALearningRateChange() {
        MultiLayerNetwork net = LeNet5.builder().input(new InputShape(12, 12, 1)).numClasses(3).seed(2).build()
                .network();
        MultiLayerNetwork untouched = net.clone();
        try (FastLayers.Restore ignored = FastLayers.prepareForTraining(net)) {
            net.fit(Nd4j.rand(DataType.FLOAT, 6, 1, 12, 12), oneHot(6, 3));
            INDArray state = net.getUpdater().getStateViewArray().dup();

            FastLayers.setLearningRate(net, 0.25);

            assertInstanceOf(FastUpdater.class, net.getUpdater(), "DL4J's setLearningRate rebuilds a plain updater");
            assertEquals(state, net.getUpdater().getStateViewArray(), "the optimiser state carries over");
            assertEquals(0.25, net.getLearningRate(1), 0.0);
        }
        FastLayers.setLearningRate(untouched, 0.25);
        assertEquals("MultiLayerUpdater", untouched.getUpdater().getClass().getSimpleName(),
                "a network that was not prepared keeps DL4J's updater");
    }
}
