package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Set;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The partial C3 layer: only the connected kernels are parameters, it computes and learns what it should. */
class ConnectionTableConvolutionTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static int blasThreads;
    private static int nd4jThreads;

    /**
     * Gradient checks run thousands of tiny forward passes; one thread avoids BLAS/OpenMP threads spinning against
     * each other when the machine is busy.
     */
    @BeforeEach
    void singleThreaded() {
        blasThreads = Nd4j.factory().blas().getMaxThreads();
        nd4jThreads = Nd4j.getEnvironment().maxThreads();
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
    }

    @AfterEach
    void restore() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.factory().blas().setMaxThreads(blasThreads);
        Nd4j.getEnvironment().setMaxThreads(nd4jThreads);
    }

    /** Input 1×(size)×(size) → conv 6@3×3 → partial conv (C3 table) → softmax over 3 classes. */
    private static MultiLayerNetwork tinyNet(DataType type, int size, int kernel) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(type)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv").nOut(6).activation(Activation.TANH).build())
                .layer(new ConnectionTableConvolution.Builder(ConnectionTable.lenet5C3()).name("C3")
                        .kernelSize(kernel, kernel).activation(new ActivationScaledTanh()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(size, size, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray oneHot(int rows, int classes) {
        INDArray labels = Nd4j.zeros(rows, classes);
        for (int r = 0; r < rows; r++) {
            labels.putScalar(r, r % classes, 1.0);
        }
        return labels;
    }

    @Test
    void parametersAreOnlyTheSixtyConnectedKernelsAndSixteenBiases() {
        BuiltModel lenet = LeNet5.builder().partialC3(true).build();
        org.deeplearning4j.nn.api.Layer c3 = lenet.network().getLayer(3);
        assertInstanceOf(ConnectionTableConvolutionLayer.class, c3);
        assertEquals(1_516, c3.numParams());
        assertArrayEquals(new long[] {60, 5, 5}, c3.getParam("W").shape());
        assertArrayEquals(new long[] {16}, c3.getParam("b").shape());
        assertEquals(60_806, lenet.network().numParams());
    }

    @Test
    void missingConnectionsAreZeroInTheAppliedKernelAndStayZeroWhileTraining() {
        ConnectionTable table = ConnectionTable.lenet5C3();
        MultiLayerNetwork net = adamCopy(tinyNet(DataType.FLOAT, 9, 3));
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 9, 9);
        INDArray y = oneHot(8, 3);
        INDArray before = ((ConnectionTableConvolutionLayer) net.getLayer(1)).effectiveKernel().dup();
        for (int step = 0; step < 5; step++) {
            net.fit(x, y);
        }
        INDArray after = ((ConnectionTableConvolutionLayer) net.getLayer(1)).effectiveKernel();
        // dup(): ND4J 1.0.0-M2.1 can return empty slices of parameter views that start at some offsets
        INDArray weights = net.getLayer(1).getParam("W").dup();
        for (int o = 0; o < table.outputs(); o++) {
            for (int i = 0; i < table.inputs(); i++) {
                INDArray slot = after.get(NDArrayIndex.point(o), NDArrayIndex.point(i), NDArrayIndex.all(),
                        NDArrayIndex.all());
                if (table.isConnected(o, i)) {
                    assertEquals(weights.slice(table.connectionIndex(o, i)), slot, "kernel of connection " + o + "←" + i);
                    assertTrue(slot.neq(before.get(NDArrayIndex.point(o), NDArrayIndex.point(i), NDArrayIndex.all(),
                            NDArrayIndex.all())).any(), "connected kernel " + o + "←" + i + " was trained");
                } else {
                    assertEquals(0.0, slot.norm1Number().doubleValue(), "missing connection " + o + "←" + i);
                }
            }
        }
    }

    /** A copy with Adam, so that training moves the weights. */
    private static MultiLayerNetwork adamCopy(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b) {
                b.setIUpdater(new Adam(0.05));
            }
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(net.params().dup(), false);
        return copy;
    }

    @Test
    void computesTheSameAsAnOrdinaryConvolutionWithTheMissingKernelsZeroed() {
        MultiLayerNetwork partial = tinyNet(DataType.DOUBLE, 10, 5);
        ConnectionTableConvolutionLayer c3 = (ConnectionTableConvolutionLayer) partial.getLayer(1);
        MultiLayerConfiguration fullConf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(new NoOp())
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(new ActivationScaledTanh()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(10, 10, 1))
                .build();
        MultiLayerNetwork full = new MultiLayerNetwork(fullConf);
        full.init();
        full.getLayer(0).setParams(partial.getLayer(0).params().dup());
        full.getLayer(1).getParam("W").assign(c3.effectiveKernel());
        full.getLayer(1).getParam("b").assign(c3.getParam("b"));
        full.getLayer(2).setParams(partial.getLayer(2).params().dup());

        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 1, 10, 10);
        INDArray y = oneHot(4, 3);
        INDArray expected = full.feedForward(x, false).get(2);
        INDArray actual = partial.feedForward(x, false).get(2);
        assertClose(expected, actual, "forward pass equals the zero-masked convolution");

        full.setInput(x);
        full.setLabels(y);
        full.computeGradientAndScore();
        partial.setInput(x);
        partial.setLabels(y);
        partial.computeGradientAndScore();
        Gradient fullGrad = full.gradient();
        Gradient partialGrad = partial.gradient();
        INDArray fullW = fullGrad.getGradientFor("1_W").dup();
        INDArray partialW = partialGrad.getGradientFor("1_W").dup();
        ConnectionTable table = ConnectionTable.lenet5C3();
        for (int o = 0; o < 16; o++) {
            for (int i : table.inputsOf(o)) {
                INDArray want = fullW.get(NDArrayIndex.point(o), NDArrayIndex.point(i), NDArrayIndex.all(),
                        NDArrayIndex.all());
                INDArray got = partialW.slice(table.connectionIndex(o, i));
                assertClose(want, got, "weight gradient of " + o + "←" + i);
            }
        }
        assertClose(fullGrad.getGradientFor("1_b"), partialGrad.getGradientFor("1_b"), "bias gradient");
        assertClose(fullGrad.getGradientFor("0_W"), partialGrad.getGradientFor("0_W"),
                "the gradient passed to the layer below is the same");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff < 1e-10, what + ": largest difference " + diff);
    }

    @Test
    void passesDl4jNumericalGradientCheck() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerNetwork net = tinyNet(DataType.DOUBLE, 5, 2);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 5, 5);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                .labels(oneHot(2, 3)).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                // every element is compared exactly with DL4J's convolution in the test above; here a spread of
                // C3 and conv parameters (the output layer is DL4J's own) keeps the check quick on a busy machine
                .excludeParams(Set.of("2_W", "2_b")).subset(true).maxPerParam(40)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "backprop gradients of C3 and of the conv layer below it match numerical gradients");
    }

    @Test
    void lenet5WithPartialC3AndScaledTanhPassesGradientCheck() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        BuiltModel model = LeNet5.builder().partialC3(true).scaledTanh(true).dataType(DataType.DOUBLE)
                .updater(new NoOp()).seed(11).build();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 1, 28, 28);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(model.network())
                .input(x).labels(oneHot(1, 10)).epsilon(1e-6).maxRelError(1e-4).minAbsoluteError(1e-9)
                .subset(true).maxPerParam(4).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok);
    }

    @Test
    void savesAndLoadsWithModelSerializer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = tinyNet(DataType.FLOAT, 9, 3);
        MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), fromJson);
        assertEquals(ConnectionTable.lenet5C3(),
                ((ConnectionTableConvolution) fromJson.getConf(1).getLayer()).connectionTable());

        File file = dir.resolve("partial.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertInstanceOf(ConnectionTableConvolutionLayer.class, restored.getLayer(1));
        assertEquals(net.params(), restored.params());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 9, 9);
        assertEquals(net.output(x), restored.output(x));
    }

    @Test
    void refusesAnInputWithTheWrongNumberOfMaps() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new NeuralNetConfiguration.Builder()
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new ConnectionTableConvolution.Builder(ConnectionTable.lenet5C3()).name("C3").build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(14, 14, 1))
                .build());
        assertTrue(e.getMessage().contains("'C3'") && e.getMessage().contains("reads 6 input maps but it receives 4"),
                e.getMessage());
    }

    @Test
    void refusesNInOrNOutThatContradictTheTable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConnectionTableConvolution.Builder(ConnectionTable.lenet5C3()).nOut(20).build());
        assertTrue(e.getMessage().contains("(6 in, 16 out)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConnectionTableConvolution.Builder(null));
    }
}
