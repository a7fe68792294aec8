package org.lenetlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lenetlab.eval.ConfusionMatrixTest.assertMessage;

import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class EvaluatorTest {
    private static final List<String> NAMES = List.of("a", "b", "c");
    private static ImageDataset data;
    private static MultiLayerNetwork network;

    @BeforeAll
    static void setUp() {
        Backend.configure();
        data = randomImages(50, 4, 4, 7);
        network = network(NAMES.size(), 4, 4);
    }

    /** An untrained dense network on 1×4×4 images: its predictions are arbitrary but deterministic. */
    private static MultiLayerNetwork network(int classes, int height, int width) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(height, width, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static ImageDataset randomImages(int count, int height, int width, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * height * width];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        int[] labels = random.ints(count, 0, NAMES.size()).toArray();
        return new ImageDataset("random " + height + "x" + width, "generated in EvaluatorTest", pixels, labels, 1,
                height, width, NAMES);
    }

    private static int[] argmaxRows(INDArray output) {
        return output.argMax(1).toIntVector();
    }

    @Test
    void predictionsAreTheArgmaxOfTheNetworkOutput() {
        ClassificationEvaluation evaluation = new Evaluator(7).evaluate(network, data);
        INDArray output = network.output(data.features(0, data.size()), false);
        assertArrayEquals(argmaxRows(output), evaluation.predicted());
        assertArrayEquals(data.labels(), evaluation.actual());
        assertEquals(data.name(), evaluation.description());
        assertTrue(evaluation.hasProbabilities());
        float[][] expected = output.toFloatMatrix();
        float[][] probabilities = evaluation.probabilities();
        for (int i = 0; i < data.size(); i++) {
            assertArrayEquals(expected[i], probabilities[i], 1e-6f, "probabilities of image " + i);
        }
        assertEquals(50, evaluation.size(), "all images evaluated, the last batch of 1 included");
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        Evaluator large = new Evaluator();
        assertEquals(Evaluator.DEFAULT_BATCH_SIZE, large.batchSize());
        ClassificationEvaluation whole = large.evaluate(network, data);
        ClassificationEvaluation pieces = new Evaluator(3).evaluate(network, data);
        assertArrayEquals(whole.predicted(), pieces.predicted());
        assertEquals(whole.classificationReport().toString(), pieces.classificationReport().toString());
        assertEquals(whole.topKAccuracy(2), pieces.topKAccuracy(2));
    }

    @Test
    void mismatchedNetworksAreRefusedWithClearMessages() {
        assertMessage("the network outputs shape [50, 5] per batch but random 4x4 has 3 classes",
                () -> new Evaluator().evaluate(network(5, 4, 4), data));
        assertMessage("the network cannot process the images of random 5x5 (1×5×5",
                () -> new Evaluator().evaluate(network, randomImages(4, 5, 5, 1)));
        MultiLayerNetwork uninitialised = new MultiLayerNetwork(network.getLayerWiseConfigurations().clone());
        assertMessage("call network.init()", () -> new Evaluator().evaluate(uninitialised, data));
        assertMessage("batch size must be positive, got 0", () -> new Evaluator(0));
    }
}
