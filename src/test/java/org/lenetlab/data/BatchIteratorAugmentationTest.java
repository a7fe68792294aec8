package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.augment.Augmentation;
import org.lenetlab.augment.AugmentationChain;
import org.lenetlab.augment.ElasticDistortion;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Augmentation inside the batch iterator: batches without it are exact copies; with it, images are transformed
 * while labels stay with their images, the same (seed, epoch) gives the same images whatever the batch size or a
 * jump to the epoch (resume), epochs differ, and the stored dataset never changes. IDX digits and an RGB image
 * folder alike.
 */
class BatchIteratorAugmentationTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    /** Every image of one epoch, by dataset index, as the iterator served it, with the label it came with. */
    private static Map<Integer, float[]> epoch(ImageDataset data, int batch, long seed, int epoch,
                                               Augmentation augmentation, Map<Integer, Integer> labelsSeen) {
        Map<Integer, float[]> images = new HashMap<>();
        int len = data.imageLength();
        // shuffle off: batch position k of the epoch is dataset image k
        try (BatchIterator it = new BatchIterator(data, batch, false, seed, augmentation)) {
            it.setEpoch(epoch);
            int index = 0;
            while (it.hasNext()) {
                DataSet ds = it.next();
                float[] features = ds.getFeatures().dup().data().asFloat();
                for (int k = 0; k < ds.numExamples(); k++, index++) {
                    float[] img = new float[len];
                    System.arraycopy(features, k * len, img, 0, len);
                    images.put(index, img);
                    labelsSeen.put(index, ds.getLabels().getRow(k).argMax().getInt(0));
                }
            }
        }
        return images;
    }

    @Test
    void digitsAreAugmentedDeterministicallyAndKeepTheirLabels() throws IOException {
        ImageDataset digits = Mnist.sample(Split.TEST).head(50);
        float[] before = digits.image(7);
        AugmentationChain chain = AugmentationChain.digits().then(ElasticDistortion.simard());
        Map<Integer, Integer> labels = new HashMap<>();

        Map<Integer, float[]> plain = epoch(digits, 16, 3, 0, null, labels);
        for (int i = 0; i < digits.size(); i++) {
            assertArrayEquals(digits.image(i), plain.get(i), 0f, "without augmentation batches are exact copies");
        }
        Map<Integer, float[]> a = epoch(digits, 16, 3, 2, chain, labels);
        for (int i = 0; i < digits.size(); i++) {
            assertEquals(digits.label(i), labels.get(i), "label of image " + i);
            assertFalse(java.util.Arrays.equals(digits.image(i), a.get(i)), "image " + i + " is augmented");
            assertArrayEquals(chain.augmented(digits, i, 3, 2), a.get(i), 0f,
                    "the iterator serves what AugmentationChain.augmented predicts");
        }
        Map<Integer, float[]> otherBatch = epoch(digits, 7, 3, 2, chain, labels);
        Map<Integer, float[]> nextEpoch = epoch(digits, 16, 3, 3, chain, labels);
        Map<Integer, float[]> otherSeed = epoch(digits, 16, 4, 2, chain, labels);
        for (int i = 0; i < digits.size(); i++) {
            assertArrayEquals(a.get(i), otherBatch.get(i), 0f, "batch size does not matter");
            assertFalse(java.util.Arrays.equals(a.get(i), nextEpoch.get(i)), "every epoch sees new variants");
            assertFalse(java.util.Arrays.equals(a.get(i), otherSeed.get(i)), "the seed matters");
        }
        assertArrayEquals(before, digits.image(7), 0f, "the dataset itself is never changed");
    }

    @Test
    void shuffledAugmentedEpochsRepeatExactly() throws IOException {
        ImageDataset digits = Mnist.sample(Split.TEST).head(40);
        AugmentationChain chain = AugmentationChain.digits();
        try (BatchIterator first = new BatchIterator(digits, 8, true, 9, chain);
             BatchIterator resumed = new BatchIterator(digits, 8, true, 9, chain)) {
            first.setEpoch(0);
            while (first.hasNext()) {
                first.next();
            }
            first.reset(); // epoch 1, reached by iterating
            resumed.setEpoch(1); // epoch 1, reached by a resume
            assertEquals(chain, first.augmentation());
            while (first.hasNext()) {
                DataSet x = first.next();
                DataSet y = resumed.next();
                assertEquals(x.getFeatures(), y.getFeatures());
                assertEquals(x.getLabels(), y.getLabels());
            }
            assertFalse(resumed.hasNext());
        }
    }

    @Test
    void rgbImageFoldersAreAugmentedToo(@TempDir Path root) throws IOException {
        String[] classes = {"red", "blue"};
        for (int c = 0; c < classes.length; c++) {
            Path dir = Files.createDirectories(root.resolve(classes[c]));
            for (int i = 0; i < 3; i++) {
                BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = img.createGraphics();
                g.setColor(c == 0 ? Color.RED : Color.BLUE);
                g.fillRect(2 + i, 3, 6, 9);
                g.dispose();
                ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
            }
        }
        ImageDataset folder = ImageFolder.load(root, 3, 16, 16);
        AugmentationChain chain = AugmentationChain.defaultFor(folder);
        assertEquals(AugmentationChain.photos().toString(), chain.toString());
        Map<Integer, Integer> labels = new HashMap<>();
        Map<Integer, float[]> augmented = epoch(folder, 4, 1, 0, chain, labels);
        int changed = 0;
        for (int i = 0; i < folder.size(); i++) {
            assertEquals(folder.label(i), labels.get(i));
            float[] img = augmented.get(i);
            assertEquals(3 * 16 * 16, img.length);
            // a red square stays red, a blue one blue: channels are transformed alike
            double[] channelSums = new double[3];
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < 256; p++) {
                    channelSums[ch] += img[ch * 256 + p];
                }
            }
            int dominant = folder.classNames().get(folder.label(i)).equals("red") ? 0 : 2;
            assertTrue(channelSums[dominant] > 10 && channelSums[1] == 0 && channelSums[2 - dominant] == 0,
                    java.util.Arrays.toString(channelSums));
            changed += java.util.Arrays.equals(img, folder.image(i)) ? 0 : 1;
        }
        assertEquals(folder.size(), changed);
        assertNotEquals(AugmentationChain.digits().toString(), chain.toString());
    }
}
