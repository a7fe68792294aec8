package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lenetlab.model.LayerChecks.oneHot;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The fast padding layer pads and passes gradients back exactly as DL4J's does. */
class FastZeroPaddingTest {
    /** A trainable layer before the padding, so that its input gradient is used. */
    private static MultiLayerNetwork net(Layer padding, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(type).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new FastConvolution.Builder(3, 3).nOut(2).activation(Activation.TANH).build())
                .layer(padding)
                .layer(new FastConvolution.Builder(3, 3).nOut(3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(7, 6, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void padsAndBackpropagatesAsDl4jsLayer() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            MultiLayerNetwork reference = net(new ZeroPaddingLayer.Builder(1, 2, 0, 3).build(), type);
            MultiLayerNetwork fast = net(new FastZeroPadding("pad", 1, 2, 0, 3), type);
            fast.setParams(reference.params().dup());
            assertInstanceOf(FastZeroPaddingLayer.class, fast.getLayer(1));
            INDArray x = Nd4j.rand(type, 4, 1, 7, 6);
            INDArray y = oneHot(4, 3).castTo(type);
            assertEquals(reference.feedForward(x, false).get(2), fast.feedForward(x, false).get(2), type + "");
            assertEquals(reference.calculateGradients(x, y, null, null).getFirst().gradient(),
                    fast.calculateGradients(x, y, null, null).getFirst().gradient(), type + ": gradients");
        }
    }

    @Test
    void aFirstPaddingLayerSkipsItsInputGradientOnlyWhileTraining() {
        MultiLayerNetwork lenet = LeNet5.builder().build().network();
        FastZeroPaddingLayer pad = assertInstanceOf(FastZeroPaddingLayer.class, lenet.getLayer("pad"));
        MultiLayerNetwork copy = lenet.clone();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);
        INDArray y = oneHot(8, 10);
        try (FastLayers.Restore ignored = FastLayers.prepareForTraining(lenet)) {
            assertFalse(pad.isInputGradientNeeded());
            lenet.fit(x, y);
        }
        assertTrue(pad.isInputGradientNeeded());
        copy.fit(x, y);
        assertEquals(copy.params(), lenet.params(), "skipping the unused gradient changes no weight");
        MultiLayerConfiguration conf = lenet.getLayerWiseConfigurations();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
    }
}
