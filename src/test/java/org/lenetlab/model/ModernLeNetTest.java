package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/** The configurable modern LeNet, its 9-layer preset, and its validation messages. */
class ModernLeNetTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static List<String> names(MultiLayerConfiguration conf) {
        return conf.getConfs().stream().map(NeuralNetConfiguration::getLayer).map(l -> l.getLayerName()).toList();
    }

    @Test
    void defaultsAreTwoConvBlocksAndLeNetDenseWidths() {
        BuiltModel model = ModernLeNet.builder().build();
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "dense3", "dense4", "output"),
                names(model.configuration()));
        // 5·5·1·32+32 + 5·5·32·64+64 + 7·7·64·120+120 + 120·84+84 + 84·10+10
        assertEquals(832 + 51_264 + 376_440 + 10_164 + 850, model.numParams());
        assertEquals("modern", model.architecture());
        ConvolutionLayer conv1 = (ConvolutionLayer) model.configuration().getConf(0).getLayer();
        assertEquals(ConvolutionMode.Same, conv1.getConvolutionMode());
        assertInstanceOf(ActivationReLU.class, conv1.getActivationFn());
    }

    @Test
    void nineLayerPresetIsConvPoolThreeTimesThenDenseDenseOutput() {
        BuiltModel model = ModernLeNet.nineLayer().build();
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "dense4", "dense5", "output"),
                names(model.configuration()));
        assertEquals(242_046, model.numParams());
        assertEquals("lenet9", model.architecture());
        ConvolutionLayer conv3 = (ConvolutionLayer) model.configuration().getConf(4).getLayer();
        assertArrayEquals(new int[] {3, 3}, conv3.getKernelSize());
        assertInstanceOf(ActivationELU.class, conv3.getActivationFn());
        assertEquals(TensorShape.image(128, 3, 3), model.calculator().layers().get(5).output());
    }

    @Test
    void batchNormPerBlockRunsConvThenNormThenActivation() {
        MultiLayerConfiguration conf = ModernLeNet.builder().batchNorm(false, true).configuration();
        assertEquals(List.of("conv1", "pool1", "conv2", "bn2", "pool2", "dense3", "dense4", "output"), names(conf));
        assertInstanceOf(ActivationReLU.class, ((ConvolutionLayer) conf.getConf(0).getLayer()).getActivationFn());
        assertInstanceOf(ActivationIdentity.class, ((ConvolutionLayer) conf.getConf(2).getLayer()).getActivationFn());
        assertInstanceOf(ActivationReLU.class, ((BatchNormalization) conf.getConf(3).getLayer()).getActivationFn());
        ModelSummary summary = ModernLeNet.builder().batchNorm(false, true).build().summary();
        assertEquals(128, summary.nonTrainableParams(), "running mean and variance of 64 channels");
    }

    @Test
    void dropoutFollowsEachBlockWithARateAboveZero() {
        MultiLayerConfiguration conf = ModernLeNet.builder().dropout(0, 0.25, 0, 0.5).configuration();
        assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "drop2", "dense3", "dense4", "drop4", "output"),
                names(conf));
        Dropout drop2 = (Dropout) ((DropoutLayer) conf.getConf(4).getLayer()).getIDropout();
        assertEquals(0.75, drop2.getP(), 1e-12, "DL4J takes the probability of keeping a value");
        assertEquals(9, ModernLeNet.builder().dropout(0.3).configuration().getConfs().size() - 2,
                "one rate for all four blocks");
    }

    @Test
    void takesRgbImagesAndManyClasses() {
        BuiltModel model = ModernLeNet.nineLayer().input(64, 64, 3).numClasses(51).dropout(0, 0, 0.25, 0.5, 0.5)
                .batchNorm(true).l2(1e-4).build();
        LeNet5Test.assertSoftmaxRows(model.network(), new InputShape(64, 64, 3), 51);
    }

    @Test
    void validOptionsVariants() {
        ModernLeNet b = ModernLeNet.builder().convBlocks(3).filters(8).kernelSize(3).padding(Padding.VALID)
                .activation("tanh").denseUnits(64);
        assertArrayEquals(new int[] {8, 8, 8}, b.filters());
        assertEquals(Activation.TANH, b.activation());
        assertEquals(4, b.blocks());
        MultiLayerConfiguration conf = b.configuration();
        assertEquals(ConvolutionMode.Truncate, ((ConvolutionLayer) conf.getConf(0).getLayer()).getConvolutionMode());
        assertArrayEquals(new int[] {32, 64, 128}, ModernLeNet.builder().convBlocks(3).filters());
    }

    @Test
    void inputTooSmallForThePoolingStagesNamesTheLayerAndTheSmallestInput() {
        ModernLeNet b = ModernLeNet.builder().convBlocks(3).padding(Padding.VALID).kernelSize(5).input(24, 24, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::configuration);
        String m = e.getMessage();
        // 24 → conv1 20 → pool1 10 → conv2 6 → pool2 3 → conv3 would be -1
        assertTrue(m.contains("Layer 'conv3'"), m);
        assertTrue(m.contains("input height 3"), m);
        // smallest: conv3 needs 5 → pool2 in ≥ 10 → conv2 in ≥ 14 → pool1 in ≥ 28 → conv1 in ≥ 32; pool3 needs ≥ 2
        assertTrue(m.contains("smallest input these settings accept is 36×36"), m);
        assertTrue(m.contains("padding 'same'"), m);

        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> ModernLeNet.builder().convBlocks(3).input(4, 20, 1).configuration());
        assertTrue(same.getMessage().contains("Layer 'pool3'") && same.getMessage().contains("accept is 8×8")
                && same.getMessage().endsWith("otherwise use fewer conv blocks."), same.getMessage());
    }

    @Test
    void mismatchedPerLayerOptionsSayWhatIsExpected() {
        IllegalArgumentException filters = assertThrows(IllegalArgumentException.class,
                () -> ModernLeNet.builder().convBlocks(3).filters(16, 32).configuration());
        assertEquals("filters(...) gives 2 values but the network has 3 conv blocks: give one value per conv block, "
                + "or a single value for all", filters.getMessage());
        IllegalArgumentException drop = assertThrows(IllegalArgumentException.class,
                () -> ModernLeNet.nineLayer().dropout(0.1, 0.2, 0.3, 0.4).configuration());
        assertTrue(drop.getMessage().contains("has 5 blocks (3 conv, then 2 dense)"), drop.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ModernLeNet.builder().batchNorm(true, false, true).configuration());
    }

    @Test
    void refusesBadSingleOptions() {
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().convBlocks(0));
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().convBlocks(4));
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().filters(0));
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().filters(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().kernelSize(0));
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().dropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().denseUnits(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().denseUnits(1, 2, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().padding(Padding.explicit(1, 1)));
        IllegalArgumentException act = assertThrows(IllegalArgumentException.class,
                () -> ModernLeNet.builder().activation("sigmoid"));
        assertEquals("Activation 'sigmoid' is not offered; use tanh, relu or elu", act.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModernLeNet.builder().activation(Activation.SOFTMAX));
    }
}
