package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lenetlab.model.LayerChecks.assertClose;
import static org.lenetlab.model.LayerChecks.assertSameGradients;
import static org.lenetlab.model.LayerChecks.gradient;
import static org.lenetlab.model.LayerChecks.oneHot;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * The fast output layer computes what DL4J's output layer computes for softmax with cross-entropy, with and
 * without class weights (gradients, input gradient, score), and hands other heads to DL4J unchanged.
 */
class FastOutputTest {
    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private record Case(String name, ILossFunction loss, Activation activation) {
    }

    private static final List<Case> CASES = List.of(
            new Case("softmax + MCXENT", new LossMCXENT(), Activation.SOFTMAX),
            new Case("softmax + class-weighted MCXENT", new LossMCXENT(Nd4j.createFromArray(0.5, 2.0, 1.25, 3.0)),
                    Activation.SOFTMAX),
            new Case("softmax + negative log likelihood", new LossNegativeLogLikelihood(), Activation.SOFTMAX),
            new Case("identity + MSE (DL4J's path)", new LossMSE(), Activation.IDENTITY));

    private static MultiLayerNetwork net(Case c, DataType type, boolean fast) {
        return net(c, type, fast, new NoOp());
    }

    private static MultiLayerNetwork net(Case c, DataType type, boolean fast, IUpdater updater) {
        OutputLayer.Builder out = fast ? new FastOutput.Builder(c.loss()) : new OutputLayer.Builder(c.loss());
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(type).updater(updater).weightInit(WeightInit.XAVIER).l2(1e-3)
                .list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(out.nOut(4).activation(c.activation()).name("output").build())
                .setInputType(InputType.feedForward(6))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void matchesDl4jOutputLayerInDoubleAndFloat() {
        for (Case c : CASES) {
            compareWithDl4j(c, DataType.DOUBLE, 1e-12);
            compareWithDl4j(c, DataType.FLOAT, 2e-6);
        }
    }

    private static void compareWithDl4j(Case c, DataType type, double tolerance) {
        MultiLayerNetwork reference = net(c, type, false);
        MultiLayerNetwork fast = net(c, type, true);
        fast.setParams(reference.params().dup());
        assertInstanceOf(FastOutputLayer.class, fast.getLayer(1), c.name());

        INDArray x = Nd4j.rand(type, 6, 6).subi(0.5).muli(4);
        INDArray y = oneHot(6, 4).castTo(type);
        Gradient expected = gradient(reference, x, y);
        Gradient actual = gradient(fast, x, y);
        assertSameGradients(expected, actual, tolerance, c.name());
        assertEquals(reference.score(), fast.score(), tolerance * 10, c.name() + ": score with the gradient");
        DataSet data = new DataSet(x, y);
        assertEquals(reference.score(data), fast.score(data), tolerance * 10, c.name() + ": score on its own");
        assertClose(reference.output(x), fast.output(x), tolerance, c.name() + ": output");
    }

    @Test
    void trainsStepForStepLikeDl4j() {
        Case c = CASES.get(1);
        MultiLayerNetwork reference = net(c, DataType.FLOAT, false, new Adam(1e-2));
        MultiLayerNetwork fast = net(c, DataType.FLOAT, true, new Adam(1e-2));
        fast.setParams(reference.params().dup());
        for (int step = 0; step < 5; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 8, 6).subi(0.5);
            INDArray y = oneHot(8, 4);
            reference.fit(x, y);
            fast.fit(x, y);
            assertEquals(reference.score(), fast.score(), 1e-5, "score after step " + step);
        }
        assertClose(reference.params(), fast.params(), 1e-5, "parameters after five Adam steps");
    }

    @Test
    void countsTheTrainingStepsCorrectPredictions() {
        for (Case c : CASES) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                MultiLayerNetwork fast = net(c, type, true);
                INDArray x = Nd4j.rand(type, 64, 6).subi(0.5).muli(4);
                INDArray y = oneHot(64, 4).castTo(type);
                INDArray predicted = fast.output(x).argMax(1);
                long expected = predicted.eq(y.argMax(1)).castTo(DataType.INT).sumNumber().longValue();
                gradient(fast, x, y);
                FastOutputLayer layer = (FastOutputLayer) fast.getLayer(1);
                boolean softmax = c.activation() == Activation.SOFTMAX;
                assertEquals(softmax ? expected : -1, layer.lastTrainingHits(), c.name() + " " + type);
                if (softmax) {
                    assertTrue(expected > 5 && expected < 59, "a mix of hits and misses: " + expected);
                }
                layer.clear();
                assertEquals(-1, layer.lastTrainingHits(), "after clear");
            }
        }
    }
}
