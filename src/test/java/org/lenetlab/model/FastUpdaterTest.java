package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.lenetlab.model.LayerChecks.oneHot;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

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
            assertEquals(l2 == 0, ((FastUpdater) fast.getUpdater()).blocksDivide(), "L2 " + l2);
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
    void leavesTheDivisionToDl4jWhenAGradientIsNormalisedAfterIt() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.FLOAT).updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH)
                        .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                        .gradientNormalizationThreshold(0.01).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(5))
                .build();
        MultiLayerNetwork plain = new MultiLayerNetwork(conf);
        plain.init();
        MultiLayerNetwork fast = plain.clone();
        FastUpdater.install(fast);
        for (int step = 0; step < 3; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 16, 5).subi(0.5).muli(8);
            INDArray y = oneHot(16, 3);
            plain.fit(x, y);
            fast.fit(x, y);
        }
        assertFalse(((FastUpdater) fast.getUpdater()).blocksDivide());
        assertEquals(plain.params(), fast.params());
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
