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
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * The fast dense layer computes what DL4J's dense layer computes (activations, weight, bias and input gradients,
 * score), falls back to DL4J for what it does not fuse, passes the numerical gradient check and saves and loads
 * like any DL4J layer.
 */
class FastDenseTest {
    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @AfterEach
    void restore() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private record Case(String name, boolean bias, IActivation activation, boolean fused) {
    }

    private static final List<Case> CASES = List.of(
            new Case("LeNet-5 F6: tanh", true, Activation.TANH.getActivationFunction(), true),
            new Case("scaled tanh", true, new ActivationScaledTanh(), true),
            new Case("Keras dense: ReLU, no bias", false, Activation.RELU.getActivationFunction(), true),
            new Case("sigmoid (not fused: DL4J's path)", true, Activation.SIGMOID.getActivationFunction(), false));

    /** input → dense under test → DL4J dense (so the input gradient is used) → softmax output. */
    private static MultiLayerNetwork net(Case c, DataType type, boolean fast) {
        DenseLayer.Builder under = fast ? new FastDense.Builder() : new DenseLayer.Builder();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(type).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nOut(9).activation(Activation.TANH).build())
                .layer(under.nOut(6).hasBias(c.bias()).activation(c.activation()).name("dense").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(7))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void matchesDl4jDenseLayerInDoubleAndFloat() {
        for (Case c : CASES) {
            compareWithDl4j(c, DataType.DOUBLE, 1e-12);
            compareWithDl4j(c, DataType.FLOAT, 2e-6);
        }
    }

    private static void compareWithDl4j(Case c, DataType type, double tolerance) {
        MultiLayerNetwork reference = net(c, type, false);
        MultiLayerNetwork fast = net(c, type, true);
        fast.setParams(reference.params().dup());
        FastDenseLayer layer = assertInstanceOf(FastDenseLayer.class, fast.getLayer(1), c.name());
        assertEquals(c.fused(), layer.isFastPath(), c.name());

        INDArray x = Nd4j.rand(type, 5, 7).subi(0.5).muli(3);
        INDArray y = oneHot(5, 3);
        assertClose(reference.feedForward(x, false).get(2), fast.feedForward(x, false).get(2), tolerance,
                c.name() + ": activations");
        Gradient expected = gradient(reference, x, y);
        Gradient actual = gradient(fast, x, y);
        assertSameGradients(expected, actual, tolerance, c.name());
        assertEquals(reference.score(), fast.score(), tolerance * 10, c.name() + ": loss");
        assertClose(reference.calculateGradients(x, y, null, null).getSecond(),
                fast.calculateGradients(x, y, null, null).getSecond(), tolerance, c.name() + ": input gradient");
    }

    @Test
    void trainsWithDropoutStepForStepLikeDl4j() {
        MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
        for (int v = 0; v < 2; v++) {
            DenseLayer.Builder dense = v == 0 ? new DenseLayer.Builder() : new FastDense.Builder();
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(8).updater(new org.nd4j.linalg.learning.config.Adam(1e-2)).weightInit(WeightInit.XAVIER)
                    .list()
                    .layer(dense.nOut(12).activation(Activation.TANH).dropOut(0.6).build())
                    .layer(new FastOutput.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).dropOut(0.8).build())
                    .setInputType(InputType.feedForward(5))
                    .build();
            nets[v] = new MultiLayerNetwork(conf);
            nets[v].init();
        }
        nets[1].setParams(nets[0].params().dup());
        for (int step = 0; step < 4; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 8, 5);
            INDArray y = oneHot(8, 3);
            for (MultiLayerNetwork net : nets) {
                Nd4j.getRandom().setSeed(100 + step); // the same dropout masks for both
                net.fit(x, y);
            }
            assertEquals(nets[0].score(), nets[1].score(), 1e-5, "score after step " + step);
        }
        assertClose(nets[0].params(), nets[1].params(), 1e-5, "parameters after four steps with dropout");
    }

    @Test
    void passesDl4jNumericalGradientCheck() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new FastDense.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new FastDense.Builder().nOut(4).activation(new ActivationScaledTanh()).build())
                .layer(new FastOutput.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(6))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(Nd4j.rand(DataType.DOUBLE, 4, 6)).labels(oneHot(4, 3)).epsilon(1e-6)
                .maxRelError(1e-5).minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "backprop gradients of two fast dense layers and a fast output layer match numerical ones");
    }

    @Test
    void keepsEverySettingOfDl4jsBuilderAndSavesAndLoads(@TempDir Path dir) throws Exception {
        DenseLayer plain = new DenseLayer.Builder().name("F6").nOut(84).hasBias(false).l2(0.01).dropOut(0.8)
                .activation(Activation.RELU).build();
        DenseLayer fast = new FastDense.Builder().name("F6").nOut(84).hasBias(false).l2(0.01).dropOut(0.8)
                .activation(Activation.RELU).build();
        assertInstanceOf(FastDense.class, fast);
        assertEquals(plain.toString(), fast.toString());
        assertEquals("F6", fast.getLayerName());
        assertEquals(plain.getIDropout(), fast.getIDropout());

        MultiLayerNetwork net = LeNet5.builder().seed(4).build().network();
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
        File file = dir.resolve("lenet5.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertInstanceOf(FastDenseLayer.class, restored.getLayer("F6"));
        assertInstanceOf(FastOutputLayer.class, restored.getLayer("output"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        assertEquals(net.output(x), restored.output(x));
    }

    @Test
    void layerNormalisationTakesDl4jsPath() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new FastDense.Builder().nOut(4).hasLayerNorm(true).activation(Activation.TANH).build())
                .layer(new FastOutput.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).build())
                .setInputType(InputType.feedForward(3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertFalse(((FastDenseLayer) net.getLayer(0)).isFastPath());
        net.fit(Nd4j.rand(DataType.FLOAT, 4, 3), oneHot(4, 2));
        assertTrue(Double.isFinite(net.score()));
    }
}
