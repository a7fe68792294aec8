package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.model.LeNet5;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The validation loss from one forward pass is DL4J's score, class weights and L2 included. */
class ValidationScoreTest {
    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static ImageDataset randomImages(int n) {
        Random r = new Random(5);
        float[] pixels = new float[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10);
        }
        return new ImageDataset("random", "test", pixels, labels, 1, 28, 28, ImageDataset.numberedClasses(10));
    }

    @Test
    void lossAndAccuracyMatchDl4jsScoreAndArgmax() {
        ImageDataset data = randomImages(70);
        MultiLayerNetwork net = LeNet5.builder().l2(1e-3).seed(2).build().network();
        ClassWeights.of(1, 2, 1, 1, 3, 1, 1, 1, 1, 0.5).applyTo(net);
        ValidationScore score = ValidationScore.evaluate(net, data, 32, () -> false);
        DataSet all = new DataSet(data.features(0, 70), data.oneHotLabels(0, 70));
        assertEquals(net.score(all, false), score.loss(), 1e-5);
        INDArray predicted = net.output(all.getFeatures(), false).argMax(1);
        long correct = 0;
        for (int i = 0; i < 70; i++) {
            correct += predicted.getLong(i) == data.label(i) ? 1 : 0;
        }
        assertEquals(correct / 70.0, score.accuracy(), 0);
    }
}
