package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/** Classic LeNet-5: the paper's layer sizes and parameter counts, padding of small inputs, options. */
class LeNet5Test {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    static Map<String, Long> paramsByLayer(MultiLayerNetwork net) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            out.put(net.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName(), net.getLayer(i).numParams());
        }
        return out;
    }

    static void assertSoftmaxRows(MultiLayerNetwork net, InputShape in, int classes) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, in.channels(), in.height(), in.width());
        INDArray y = net.output(x);
        assertArrayEquals(new long[] {3, classes}, y.shape());
        INDArray sums = y.sum(1);
        for (int r = 0; r < 3; r++) {
            assertEquals(1.0, sums.getDouble(r), 1e-5, "softmax row " + r + " sums to 1");
            assertTrue(y.getRow(r).minNumber().doubleValue() >= 0, "probabilities are not negative");
        }
    }

    @Test
    void hasThePapersLayersAnd61706Parameters() {
        BuiltModel model = LeNet5.builder().build();
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("pad", 0L);
        expected.put("C1", 156L);
        expected.put("S2", 0L);
        expected.put("C3", 2_416L);
        expected.put("S4", 0L);
        expected.put("C5", 48_120L);
        expected.put("F6", 10_164L);
        expected.put("output", 850L);
        assertEquals(expected, paramsByLayer(model.network()));
        assertEquals(61_706, model.numParams());
        assertEquals("classic", model.architecture());
    }

    @Test
    void partialC3Has1516ParametersAnd60806InAll() {
        BuiltModel model = LeNet5.builder().partialC3(true).build();
        assertEquals(List.of(0L, 156L, 0L, 1_516L, 0L, 48_120L, 10_164L, 850L),
                List.copyOf(paramsByLayer(model.network()).values()));
        assertEquals(60_806, model.network().numParams());
        assertInstanceOf(ConnectionTableConvolution.class, model.configuration().getConf(3).getLayer());
    }

    @Test
    void zeroPadsSmallerImagesTo32By32InsideTheModel() {
        MultiLayerConfiguration mnist = LeNet5.builder().input(28, 28, 1).configuration();
        ZeroPaddingLayer pad = (ZeroPaddingLayer) mnist.getConf(0).getLayer();
        assertArrayEquals(new int[] {2, 2, 2, 2}, pad.getPadding());

        MultiLayerConfiguration odd = LeNet5.builder().input(27, 30, 1).configuration();
        assertArrayEquals(new int[] {2, 3, 1, 1}, ((ZeroPaddingLayer) odd.getConf(0).getLayer()).getPadding());
        assertEquals(TensorShape.image(1, 32, 32), Dl4jLayerSpecs.calculator(odd, new InputShape(27, 30, 1))
                .layers().get(0).output());

        BuiltModel paper = LeNet5.builder().input(32, 32, 1).build();
        assertEquals("C1", paper.configuration().getConf(0).getLayer().getLayerName(), "no padding at 32×32");
        assertEquals(61_706, paper.numParams());
    }

    @Test
    void forwardPassGivesProbabilitiesPerClass() {
        BuiltModel model = LeNet5.builder().partialC3(true).scaledTanh(true).build();
        assertSoftmaxRows(model.network(), InputShape.MNIST, 10);
        BuiltModel rgb = LeNet5.builder().input(32, 32, 3).numClasses(5).build();
        assertEquals(456, rgb.network().getLayer(0).numParams(), "C1 with 3 input channels: 5·5·3·6 + 6");
        assertSoftmaxRows(rgb.network(), new InputShape(32, 32, 3), 5);
    }

    @Test
    void activationIsTanhOrThePapersScaledTanh() {
        BaseLayer c1 = (BaseLayer) LeNet5.builder().configuration().getConf(1).getLayer();
        assertInstanceOf(ActivationTanH.class, c1.getActivationFn());
        MultiLayerConfiguration scaled = LeNet5.builder().scaledTanh(true).configuration();
        for (String name : List.of("C1", "C3", "C5", "F6")) {
            BaseLayer layer = (BaseLayer) scaled.getConfs().stream().map(c -> c.getLayer())
                    .filter(l -> name.equals(l.getLayerName())).findFirst().orElseThrow();
            assertInstanceOf(ActivationScaledTanh.class, layer.getActivationFn(), name);
        }
    }

    @Test
    void refusesImagesLargerThan32By32() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeNet5.builder().input(64, 64, 3).configuration());
        assertTrue(e.getMessage().contains("at most 32×32") && e.getMessage().contains("64×64×3")
                && e.getMessage().contains("'modern'"), e.getMessage());
    }

    @Test
    void commonOptionsReachEveryLayer() {
        LeNet5 builder = LeNet5.builder();
        assertEquals(new Adam(1e-3), builder.updater(), "default optimiser");
        MultiLayerConfiguration conf = builder.updater(new Sgd(0.05)).l2(1e-4).configuration();
        BaseLayer c5 = (BaseLayer) conf.getConf(5).getLayer();
        assertEquals(new Sgd(0.05), c5.getIUpdater());
        assertTrue(c5.getRegularization().stream().anyMatch(r -> r instanceof L2Regularization l2
                && l2.getL2().valueAt(0, 0) == 1e-4), c5.getRegularization().toString());
        assertThrows(IllegalArgumentException.class, () -> LeNet5.builder().l2(-1));
        assertThrows(IllegalArgumentException.class, () -> LeNet5.builder().numClasses(1));
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        INDArray a = LeNet5.builder().seed(5).build().network().params();
        INDArray b = LeNet5.builder().seed(5).build().network().params();
        INDArray c = LeNet5.builder().seed(6).build().network().params();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }
}
