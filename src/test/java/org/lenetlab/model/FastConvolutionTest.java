package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lenetlab.model.LayerChecks.assertClose;
import static org.lenetlab.model.LayerChecks.assertSameGradients;
import static org.lenetlab.model.LayerChecks.gradient;
import static org.lenetlab.model.LayerChecks.oneHot;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fast convolution computes what DL4J's convolution computes: forward pass, weight, bias and input gradients,
 * on the same weights, for the settings the LeNet models use and for the awkward ones (even kernels in "same" mode,
 * no bias, activations it does not fuse, large inference batches); it passes DL4J's gradient check and saves and
 * loads like any DL4J layer.
 */
class FastConvolutionTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static int nd4jThreads;

    @BeforeEach
    void singleThreaded() {
        nd4jThreads = Nd4j.getEnvironment().maxThreads();
        Nd4j.getEnvironment().setMaxThreads(1);
    }

    @AfterEach
    void restore() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().setMaxThreads(nd4jThreads);
    }

    /** A convolution layer under test and the settings around it. */
    private record Case(String name, int size, int channels, int kernel, int outMaps, ConvolutionMode mode,
                        int padding, boolean bias, IActivation activation) {
        ConvolutionLayer.Builder configure(ConvolutionLayer.Builder b) {
            b.kernelSize(kernel, kernel).nOut(outMaps).convolutionMode(mode).padding(padding, padding)
                    .hasBias(bias).activation(activation);
            return b;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("LeNet-5 C1: 1→6, 5×5, tanh", 12, 1, 5, 6, ConvolutionMode.Truncate, 0, true,
                    Activation.TANH.getActivationFunction()),
            new Case("LeNet-5 C3: 6→16, 5×5, scaled tanh", 9, 6, 5, 16, ConvolutionMode.Truncate, 0, true,
                    new ActivationScaledTanh()),
            new Case("C5: kernel covers the input (dense)", 5, 4, 5, 7, ConvolutionMode.Truncate, 0, true,
                    Activation.TANH.getActivationFunction()),
            new Case("Keras conv: same, ReLU", 8, 3, 5, 5, ConvolutionMode.Same, 0, true,
                    Activation.RELU.getActivationFunction()),
            new Case("same with an even kernel (asymmetric padding)", 7, 2, 4, 3, ConvolutionMode.Same, 0, true,
                    Activation.IDENTITY.getActivationFunction()),
            new Case("explicit padding, no bias, sigmoid (not fused)", 6, 2, 3, 4, ConvolutionMode.Truncate, 1, false,
                    Activation.SIGMOID.getActivationFunction()),
            new Case("rectangular-free 1×1 kernel", 4, 3, 1, 2, ConvolutionMode.Truncate, 0, true,
                    Activation.TANH.getActivationFunction()));

    /** input → layer under test → max pooling (to make the gradient reaching it uneven) → dense softmax output. */
    private static MultiLayerNetwork net(Case c, DataType type, boolean fast) {
        ConvolutionLayer conv = c.configure(fast ? new FastConvolution.Builder() : new ConvolutionLayer.Builder())
                .name("conv").build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(type).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(conv)
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(c.size(), c.size(), c.channels()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void matchesDl4jConvolutionForwardAndBackwardInDouble() {
        for (Case c : CASES) {
            compareWithDl4j(c, DataType.DOUBLE, 1e-12);
        }
    }

    @Test
    void matchesDl4jConvolutionForwardAndBackwardInFloat() {
        for (Case c : CASES) {
            compareWithDl4j(c, DataType.FLOAT, 2e-5);
        }
    }

    private static void compareWithDl4j(Case c, DataType type, double tolerance) {
        MultiLayerNetwork reference = net(c, type, false);
        MultiLayerNetwork fast = net(c, type, true);
        fast.setParams(reference.params().dup());
        assertInstanceOf(FastConvolutionLayer.class, fast.getLayer(0), c.name());
        assertTrue(((FastConvolutionLayer) fast.getLayer(0)).isFastPath(), c.name());

        INDArray x = Nd4j.rand(type, 5, c.channels(), c.size(), c.size()).subi(0.5).muli(3);
        INDArray y = oneHot(5, 3);
        assertClose(reference.feedForward(x, false).get(1), fast.feedForward(x, false).get(1), tolerance,
                c.name() + ": activations");

        Gradient expected = gradient(reference, x, y);
        Gradient actual = gradient(fast, x, y);
        assertSameGradients(expected, actual, tolerance, c.name());
        INDArray inputGradExpected = reference.calculateGradients(x, y, null, null).getSecond();
        INDArray inputGradActual = fast.calculateGradients(x, y, null, null).getSecond();
        assertClose(inputGradExpected, inputGradActual, tolerance, c.name() + ": input gradient");
        assertEquals(reference.score(), fast.score(), tolerance * 10, c.name() + ": loss");
    }

    @Test
    void keepsNoBatchSizedArraysAfterACallAndComputesTheSameAfterwards() {
        // a notebook keeps many trained networks; their layers must not hold on to evaluation-sized arrays
        MultiLayerNetwork used = KerasLeNet.builder().input(new InputShape(12, 12, 1)).numClasses(3).seed(3).build()
                .network();
        MultiLayerNetwork fresh = KerasLeNet.builder().input(new InputShape(12, 12, 1)).numClasses(3).seed(3).build()
                .network();
        INDArray big = Nd4j.rand(DataType.FLOAT, 300, 1, 12, 12);
        INDArray out = used.output(big, false);
        assertEquals(300, out.size(0));
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 1, 12, 12);
        INDArray y = oneHot(7, 3);
        Gradient afterParking = gradient(used, x, y);
        for (org.deeplearning4j.nn.api.Layer layer : used.getLayers()) {
            if (layer instanceof FastConvolutionLayer conv) {
                assertFalse(conv.holdsBatchArrays(), "after backprop: " + layer.conf().getLayer().getLayerName());
            } else if (layer instanceof FastSubsamplingLayer pool) {
                assertFalse(pool.holdsBatchArrays(), "after backprop: " + layer.conf().getLayer().getLayerName());
            }
        }
        Gradient expected = gradient(fresh, x, y);
        assertSameGradients(expected, afterParking, 1e-6, "after parking");
        assertClose(fresh.output(big, false), used.output(big, false), 1e-6, "outputs after parking");
    }

    @Test
    void splitsLargeBatchesIntoChunksAndThreadsWithTheSameResults() throws Exception {
        Nd4j.getEnvironment().setMaxThreads(2);
        try (AutoCloseable parallel = LayerChecks.helpersAlwaysUsed()) {
            for (Case c : List.of(CASES.get(0), CASES.get(3))) {
                MultiLayerNetwork reference = net(c, DataType.FLOAT, false);
                MultiLayerNetwork fast = net(c, DataType.FLOAT, true);
                fast.setParams(reference.params().dup());
                // 37 images: several chunks per thread, the last one shorter
                INDArray x = Nd4j.rand(DataType.FLOAT, 37, c.channels(), c.size(), c.size()).subi(0.5);
                INDArray y = oneHot(37, 3);
                assertClose(reference.output(x), fast.output(x), 2e-5, c.name() + ": outputs of 37 images");
                var expected = reference.calculateGradients(x, y, null, null);
                var actual = fast.calculateGradients(x, y, null, null);
                assertSameGradients(expected.getFirst(), actual.getFirst(), 2e-5, c.name() + ", 37 images");
                assertClose(expected.getSecond(), actual.getSecond(), 2e-5, c.name() + ": input gradient");
            }
        }
    }

    @Test
    void passesDl4jNumericalGradientCheck() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new FastConvolution.Builder(3, 3).nOut(3).activation(Activation.TANH)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new FastSubsampling.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
                .layer(new FastConvolution.Builder(2, 2).nOut(4).activation(new ActivationScaledTanh()).build())
                .layer(new FastConvolution.Builder(2, 2).nOut(5).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertTrue(((FastConvolutionLayer) net.getLayer(3)).isFastPath());
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 6)).labels(oneHot(3, 3)).epsilon(1e-6)
                .maxRelError(1e-5).minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "backprop gradients of a same-mode, a valid and a dense-like fast convolution and a fast "
                + "pooling layer match numerical gradients");
    }

    @Test
    void savesAndLoadsAsFastLayers(@TempDir Path dir) throws Exception {
        for (BuiltModel model : List.of(LeNet5.builder().seed(4).build(), KerasLeNet.builder().seed(4).build())) {
            MultiLayerNetwork net = model.network();
            MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(
                    net.getLayerWiseConfigurations().toJson());
            assertEquals(net.getLayerWiseConfigurations(), fromJson, model.architecture());
            File file = dir.resolve(model.architecture() + ".zip").toFile();
            ModelSerializer.writeModel(net, file, true);
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
            long fastConvolutions = java.util.Arrays.stream(restored.getLayers())
                    .filter(l -> l instanceof FastConvolutionLayer).count();
            long fastPools = java.util.Arrays.stream(restored.getLayers())
                    .filter(l -> l instanceof FastSubsamplingLayer).count();
            assertEquals(model.architecture().equals("classic") ? 3 : 2, fastConvolutions, model.architecture());
            assertEquals(2, fastPools, model.architecture());
            INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
            assertEquals(net.output(x), restored.output(x), model.architecture());
        }
    }

    @Test
    void trainingSkipsTheInputGradientOfAFirstConvolutionOnlyWhileItTrains() {
        MultiLayerNetwork lenet = LeNet5.builder().build().network();
        FastConvolutionLayer c1 = (FastConvolutionLayer) lenet.getLayer(1); // behind the padding layer
        FastConvolutionLayer c3 = (FastConvolutionLayer) lenet.getLayer(3);
        MultiLayerNetwork copy = lenet.clone();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);
        INDArray y = oneHot(8, 10);
        try (FastLayers.Restore ignored = FastLayers.prepareForTraining(lenet)) {
            assertFalse(c1.isInputGradientNeeded());
            assertTrue(c3.isInputGradientNeeded(), "C3's input gradient trains C1");
            lenet.fit(x, y);
        }
        assertTrue(c1.isInputGradientNeeded());
        copy.fit(x, y);
        assertEquals(copy.params(), lenet.params(), "skipping the unused gradient changes no weight");
    }
}
