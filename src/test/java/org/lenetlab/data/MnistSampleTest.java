package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class MnistSampleTest {

    @Test
    void trainSampleHas8000DigitsOfEveryClass() throws IOException {
        ImageDataset train = Mnist.sample(Split.TRAIN);
        assertEquals(8_000, train.size());
        assertShapeAndRange(train);
        for (int count : train.classCounts()) {
            assertTrue(count >= 600 && count <= 1000, "train class count " + count);
        }
        assertEquals("MNIST sample (train)", train.name());
        assertTrue(train.source().startsWith(Mnist.SAMPLE_SOURCE), train.source());
    }

    @Test
    void testSampleHas2000DigitsOfEveryClass() throws IOException {
        ImageDataset test = Mnist.sample(Split.TEST);
        assertEquals(2_000, test.size());
        assertShapeAndRange(test);
        for (int count : test.classCounts()) {
            assertTrue(count >= 150 && count <= 250, "test class count " + count);
        }
    }

    @Test
    void loadsByCatalogName() throws IOException {
        ImageDataset byName = Datasets.load("MNIST_Sample", Split.TEST);
        ImageDataset direct = Mnist.sample(Split.TEST);
        assertEquals(direct.size(), byName.size());
        assertEquals(direct.label(1234), byName.label(1234));
    }

    private static void assertShapeAndRange(ImageDataset ds) {
        assertEquals(1, ds.channels());
        assertEquals(28, ds.height());
        assertEquals(28, ds.width());
        assertEquals(Mnist.CLASS_NAMES, ds.classNames());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        double sum = 0;
        float[] image = new float[ds.imageLength()];
        for (int i = 0; i < ds.size(); i++) {
            ds.copyImage(i, image, 0);
            for (float v : image) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        double mean = sum / ((double) ds.size() * ds.imageLength());
        // MNIST's well-known mean pixel value is 0.1307: real digits, not noise or blanks
        assertEquals(0.1307, mean, 0.01);
        for (int c = 0; c < 10; c++) {
            assertTrue(ds.classCounts()[c] > 0, "class " + c + " missing");
        }
    }
}
