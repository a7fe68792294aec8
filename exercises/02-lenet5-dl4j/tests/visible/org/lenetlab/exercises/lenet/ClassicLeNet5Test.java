package org.lenetlab.exercises.lenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.grading.Hint;
import org.lenetlab.grading.Points;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassicLeNet5Test {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(ClassicLeNet5.configuration(42));
        net.init();
        return net;
    }

    @Test
    @Points(3)
    @Hint("Eight layers: ZeroPadding, Convolution, Subsampling, Convolution, Subsampling, Convolution, Dense, Output.")
    void layerTypesInOrder() {
        MultiLayerConfiguration conf = ClassicLeNet5.configuration(42);
        List<Class<?>> expected = List.of(ZeroPaddingLayer.class, ConvolutionLayer.class, SubsamplingLayer.class,
                ConvolutionLayer.class, SubsamplingLayer.class, ConvolutionLayer.class, DenseLayer.class,
                OutputLayer.class);
        assertEquals(expected.size(), conf.getConfs().size(), "number of layers");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), conf.getConf(i).getLayer().getClass(), "type of layer " + i);
        }
    }

    @Test
    @Points(3)
    @Hint("61,706 = 156 (C1) + 2,416 (C3) + 48,120 (C5) + 10,164 (F6) + 850 (output); pooling and padding have none.")
    void parameterCount() {
        assertEquals(61_706, network().numParams(), "parameters of the network");
    }

    @Test
    @Points(3)
    @Hint("Pad 28x28 to 32x32 first; each 5x5 convolution then removes 4 pixels and each pooling halves the size.")
    void layerOutputShapes() {
        List<INDArray> activations = network().feedForward(Nd4j.zeros(1, 1, 28, 28), false);
        long[][] expected = {{1, 1, 28, 28}, {1, 1, 32, 32}, {1, 6, 28, 28}, {1, 6, 14, 14}, {1, 16, 10, 10},
                {1, 16, 5, 5}, {1, 120, 1, 1}, {1, 84}, {1, 10}};
        assertEquals(expected.length, activations.size(), "activations: input plus one per layer");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], activations.get(i).shape(), "shape after layer " + (i - 1));
        }
    }
}
