package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lenetlab.backend.Backend;

/**
 * For every builder and a spread of options, the DL4J-free calculator (fed only the hyperparameters) gives the
 * same per-layer output shapes and parameter counts as DL4J itself.
 */
class CalculatorMatchesDl4jTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    static Stream<Arguments> builders() {
        return Stream.of(
                case_("classic 28×28×1", LeNet5::builder),
                case_("classic 32×32×1", () -> LeNet5.builder().input(32, 32, 1)),
                case_("classic 27×30×3, 7 classes", () -> LeNet5.builder().input(27, 30, 3).numClasses(7)),
                case_("classic partial C3, scaled tanh", () -> LeNet5.builder().partialC3(true).scaledTanh(true)),
                case_("keras 28×28×1", KerasLeNet::builder),
                case_("keras 32×32×3, 100 classes", () -> KerasLeNet.builder().input(32, 32, 3).numClasses(100)),
                case_("keras 29×31×1", () -> KerasLeNet.builder().input(29, 31, 1)),
                case_("modern defaults", ModernLeNet::builder),
                case_("modern bn (0,1), drop1..4", () -> ModernLeNet.builder().batchNorm(false, true)
                        .dropout(0.1, 0.2, 0.3, 0.4)),
                case_("modern 1 block valid k3 tanh", () -> ModernLeNet.builder().convBlocks(1).kernelSize(3)
                        .padding(Padding.VALID).activation("tanh").denseUnits(64)),
                case_("modern 3 blocks valid k5 64×64×3", () -> ModernLeNet.builder().convBlocks(3)
                        .padding(Padding.VALID).input(64, 64, 3).numClasses(51).filters(6, 16, 32)),
                case_("modern 3 blocks same, bn all, odd 45×37×3", () -> ModernLeNet.builder().convBlocks(3)
                        .batchNorm(true).input(45, 37, 3).denseUnits(256, 128, 64).dropout(0.5)),
                case_("lenet9 28×28×1", ModernLeNet::nineLayer),
                case_("lenet9 64×64×3, 51 classes, bn, dropout", () -> ModernLeNet.nineLayer().input(64, 64, 3)
                        .numClasses(51).batchNorm(true, false, true).dropout(0, 0, 0.25, 0.5, 0.5)));
    }

    private static Arguments case_(String name, Supplier<LeNetBuilder<?>> builder) {
        return Arguments.of(name, builder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builders")
    void calculatorEqualsDl4jLayerByLayer(String name, Supplier<LeNetBuilder<?>> builder) {
        BuiltModel model = builder.get().build();
        assertMatches(model.configuration(), model.network(), model.input());
    }

    static void assertMatches(MultiLayerConfiguration conf, MultiLayerNetwork net, InputShape input) {
        ShapeCalculator calc = Dl4jLayerSpecs.calculator(conf, input);
        List<InputType> dl4jTypes = conf.getLayerActivationTypes(
                InputType.convolutional(input.height(), input.width(), input.channels()));
        int layer = 0;
        for (LayerShape row : calc.layers()) {
            if (row.layer() instanceof LayerSpec.Flatten) {
                assertTrue(conf.getInputPreProcess(layer) != null, "a flatten stands for DL4J's preprocessor");
                continue;
            }
            String layerName = conf.getConf(layer).getLayer().getLayerName();
            assertEquals(layerName, row.layer().name());
            assertEquals(Dl4jLayerSpecs.shapeOf(dl4jTypes.get(layer)), row.output(), "output shape of " + layerName);
            assertEquals(net.getLayer(layer).numParams(), row.params(), "parameters of " + layerName);
            layer++;
        }
        assertEquals(conf.getConfs().size(), layer, "every DL4J layer has a calculator row");
        assertEquals(net.numParams(), calc.totalParams());
        assertEquals(ModelSummary.of(net, input).trainableParams(), calc.trainableParams());
    }

    @Test
    void explicitPaddingAndStridesAlsoMatch() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .list()
                .layer(new ConvolutionLayer.Builder(7, 5).name("c1").nOut(4).stride(2, 3).padding(3, 1)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("p1").kernelSize(3, 3).stride(2, 2)
                        .padding(1, 1).convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("c2").nOut(5).stride(2, 2).hasBias(false)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("p2").kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new OutputLayer.Builder().name("out").nOut(3).build())
                .setInputType(InputType.convolutional(41, 33, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertMatches(conf, net, new InputShape(41, 33, 2));
    }

    @Test
    void unsupportedLayersAreNamedInTheError() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new LocalResponseNormalization.Builder().name("lrn").build())
                .layer(new OutputLayer.Builder().nOut(3).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dl4jLayerSpecs.read(conf));
        assertTrue(e.getMessage().startsWith("Layer 'lrn' uses a LocalResponseNormalization"), e.getMessage());
    }
}
