package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class NormalizerTest {

    /** Two RGB-like 2-channel images of 2 pixels: channel 0 values 0, 2, 4, 6; channel 1 constant 5. */
    private static ImageDataset twoChannels() {
        float[] pixels = {0, 2, 5, 5, 4, 6, 5, 5};
        return new ImageDataset("toy", "test", pixels, new int[] {0, 1}, 2, 1, 2, List.of("a", "b"));
    }

    @Test
    void standardizeFitsMeanAndStdPerChannel() {
        Normalizer n = Normalizer.standardize(twoChannels());
        assertArrayEquals(new double[] {3, 5}, n.offsets(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(5), 1}, n.scales(), 1e-12, "constant channel gets scale 1");
        ImageDataset out = n.apply(twoChannels());
        assertArrayEquals(new float[] {(float) (-3 / Math.sqrt(5)), (float) (-1 / Math.sqrt(5)), 0, 0},
                out.image(0), 1e-6f);
        assertEquals("toy (standardized)", out.name());
        assertArrayEquals(twoChannels().labels(), out.labels());
    }

    @Test
    void minMaxMapsTrainingRangeToUnitInterval() {
        Normalizer n = Normalizer.minMax(twoChannels());
        ImageDataset out = n.apply(twoChannels());
        assertArrayEquals(new float[] {0f, 1 / 3f, 0f, 0f}, out.image(0), 1e-6f);
        assertArrayEquals(new float[] {2 / 3f, 1f, 0f, 0f}, out.image(1), 1e-6f);
        assertEquals(Normalizer.Kind.MIN_MAX, n.kind());
    }

    @Test
    void statisticsOfTrainingDataAreAppliedUnchangedToTestData() throws IOException {
        ImageDataset train = Mnist.sample(Split.TRAIN);
        ImageDataset test = Mnist.sample(Split.TEST);
        Normalizer n = Normalizer.standardize(train);
        assertEquals(0.1307, n.offsets()[0], 0.01);
        assertEquals(0.3081, n.scales()[0], 0.01);
        ImageDataset trainOut = n.apply(train);
        ImageDataset testOut = n.apply(test);
        assertEquals(0.0, mean(trainOut), 1e-4);
        // the test set is standardised with the training statistics: close to, not exactly, mean 0
        double testMean = mean(testOut);
        assertTrue(Math.abs(testMean) < 0.05 && testMean != 0.0, "test mean " + testMean);
        float zeroPixel = testOut.image(0)[0];
        assertEquals((float) (-n.offsets()[0] / n.scales()[0]), zeroPixel, 1e-5f);
    }

    @Test
    void badUseIsRejected() {
        Normalizer n = Normalizer.standardize(twoChannels());
        ImageDataset oneChannel = new ImageDataset("g", "t", new float[] {1}, new int[] {0}, 1, 1, 1, List.of("a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.apply(oneChannel));
        assertTrue(e.getMessage().contains("g has 1 channels but this normalizer was fitted on 2"), e.getMessage());
        ImageDataset empty = new ImageDataset("e", "t", new float[0], new int[0], 1, 1, 1, List.of("a"));
        assertThrows(IllegalArgumentException.class, () -> Normalizer.minMax(empty));
        assertThrows(IllegalArgumentException.class,
                () -> new Normalizer(Normalizer.Kind.STANDARDIZE, new double[] {0}, new double[] {0}));
    }

    private static double mean(ImageDataset ds) {
        double sum = 0;
        for (int i = 0; i < ds.size(); i++) {
            for (float v : ds.image(i)) {
                sum += v;
            }
        }
        return sum / ((double) ds.size() * ds.imageLength());
    }
}
