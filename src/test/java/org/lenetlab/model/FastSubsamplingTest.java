package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The fast pooling layer computes what DL4J's pooling layer computes, forward and backward. */
class FastSubsamplingTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @AfterEach
    void restore() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private record Case(String name, PoolingType type, int size, int kernel, int stride, ConvolutionMode mode) {
    }

    private static final List<Case> CASES = List.of(
            new Case("LeNet-5 S2: average 2×2/2", PoolingType.AVG, 10, 2, 2, ConvolutionMode.Truncate),
            new Case("Keras pool: max 2×2/2", PoolingType.MAX, 10, 2, 2, ConvolutionMode.Truncate),
            new Case("overlapping max 3×3/1", PoolingType.MAX, 7, 3, 1, ConvolutionMode.Truncate),
            new Case("average 3×3/2 that drops the last row and column", PoolingType.AVG, 8, 3, 2,
                    ConvolutionMode.Truncate),
            new Case("strict max 2×2/2", PoolingType.MAX, 8, 2, 2, ConvolutionMode.Strict),
            new Case("average 2×2/2 on an odd size (last row and column dropped)", PoolingType.AVG, 11, 2, 2,
                    ConvolutionMode.Truncate),
            new Case("max 2×2/2 on an odd size", PoolingType.MAX, 11, 2, 2, ConvolutionMode.Truncate));

    /** input → tanh convolution (so the pooled values differ) → pooling under test → dense softmax output. */
    private static MultiLayerNetwork net(Case c, DataType type, boolean fast) {
        SubsamplingLayer.Builder b = fast ? new FastSubsampling.Builder(c.type()) : new SubsamplingLayer.Builder(c.type());
        SubsamplingLayer pool = b.kernelSize(c.kernel(), c.kernel()).stride(c.stride(), c.stride())
                .convolutionMode(c.mode()).name("pool").build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(9).dataType(type).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.TANH).build())
                .layer(pool)
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(c.size(), c.size(), 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void matchesDl4jPoolingInDoubleAndFloatOnOneThreadOrSplitOverThree() throws Exception {
        int threads = Nd4j.getEnvironment().maxThreads();
        try (AutoCloseable parallel = LayerChecks.helpersAlwaysUsed()) {
            for (int parts : new int[] {1, 3}) { // three parts split a batch's 8 planes 2 + 3 + 3
                Nd4j.getEnvironment().setMaxThreads(parts);
                for (Case c : CASES) {
                    compare(c, DataType.DOUBLE, 1e-12);
                    compare(c, DataType.FLOAT, 1e-5);
                }
            }
        } finally {
            Nd4j.getEnvironment().setMaxThreads(threads);
        }
    }

    private static void compare(Case c, DataType type, double tolerance) {
        MultiLayerNetwork reference = net(c, type, false);
        MultiLayerNetwork fast = net(c, type, true);
        fast.setParams(reference.params().dup());
        assertInstanceOf(FastSubsamplingLayer.class, fast.getLayer(1), c.name());
        assertTrue(((FastSubsamplingLayer) fast.getLayer(1)).isFastPath(), c.name());
        INDArray x = Nd4j.rand(type, 4, 2, c.size(), c.size()).subi(0.5);
        INDArray y = Nd4j.zeros(type, 4, 3);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 3, 1);
        }
        assertClose(reference.feedForward(x, false).get(2), fast.feedForward(x, false).get(2), tolerance,
                c.name() + " " + type + ": pooled activations");
        var expected = reference.calculateGradients(x, y, null, null);
        var actual = fast.calculateGradients(x, y, null, null);
        for (Map.Entry<String, INDArray> e : expected.getFirst().gradientForVariable().entrySet()) {
            assertClose(e.getValue(), actual.getFirst().getGradientFor(e.getKey()), tolerance,
                    c.name() + " " + type + ": gradient " + e.getKey());
        }
        assertClose(expected.getSecond(), actual.getSecond(), tolerance, c.name() + " " + type + ": input gradient");
    }

    @Test
    void maxPoolingSendsATiedWindowsGradientToItsFirstMaximumAsDl4jDoes() {
        for (int size : new int[] {8, 9}) {
            Layer[] layers = new Layer[2];
            for (int f = 0; f < 2; f++) {
                SubsamplingLayer.Builder b = f == 1 ? new FastSubsampling.Builder(PoolingType.MAX)
                        : new SubsamplingLayer.Builder(PoolingType.MAX);
                MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                        .layer(b.kernelSize(2, 2).stride(2, 2).build())
                        .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                        .setInputType(InputType.convolutional(size, size, 3))
                        .build();
                MultiLayerNetwork net = new MultiLayerNetwork(conf);
                net.init();
                layers[f] = net.getLayer(0);
            }
            // values 0, 0.5 and 1 (and ReLU-like runs of zeros): most windows hold a tie for their maximum
            INDArray x = Transforms.floor(Nd4j.rand(DataType.FLOAT, 4, 3, size, size).muli(3)).divi(2);
            x.get(NDArrayIndex.point(0)).assign(0);
            INDArray eps = Nd4j.rand(DataType.FLOAT, 4, 3, size / 2, size / 2);
            INDArray[] out = new INDArray[2];
            INDArray[] grad = new INDArray[2];
            for (int f = 0; f < 2; f++) {
                LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
                layers[f].setInput(x, mgr);
                out[f] = layers[f].activate(true, mgr);
                grad[f] = layers[f].backpropGradient(eps, mgr).getSecond();
            }
            assertTrue(((FastSubsamplingLayer) layers[1]).isFastPath());
            assertEquals(out[0], out[1], size + ": pooled values");
            assertEquals(grad[0], grad[1], size + ": each window's gradient at the same input position");
        }
    }

    @Test
    void paddedOrPnormPoolingFallsBackToDl4j() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .list()
                .layer(new FastSubsampling.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).padding(1, 1).build())
                .layer(new FastSubsampling.Builder(PoolingType.PNORM).pnorm(2).kernelSize(2, 2).stride(1, 1).build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertFalse(((FastSubsamplingLayer) net.getLayer(0)).isFastPath());
        assertFalse(((FastSubsamplingLayer) net.getLayer(1)).isFastPath());
        assertArrayEquals(new long[] {3, 2}, net.output(Nd4j.rand(DataType.FLOAT, 3, 1, 6, 6)).shape());
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(1, e.amaxNumber().doubleValue());
        double diff = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance * scale, what + ": largest difference " + diff);
    }
}
