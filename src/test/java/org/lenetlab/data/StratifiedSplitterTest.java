package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StratifiedSplitterTest {

    /** 51 classes of uneven size (20..70 images), each image's single pixel = its index, so parts can be traced. */
    private static ImageDataset unevenClasses() {
        int classes = 51;
        int total = 0;
        for (int c = 0; c < classes; c++) {
            total += 20 + c;
        }
        float[] pixels = new float[total];
        int[] labels = new int[total];
        int i = 0;
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < 20 + c; k++) {
                pixels[i] = i;
                labels[i] = c;
                i++;
            }
        }
        return new ImageDataset("uneven", "test", pixels, labels, 1, 1, 1, ImageDataset.numberedClasses(classes));
    }

    @Test
    void keepsClassProportionsAndEveryClassInEveryPart() {
        ImageDataset all = unevenClasses();
        List<ImageDataset> parts = StratifiedSplitter.trainValidationTest(all, 7, 0.8, 0.16, 0.04);
        assertEquals(3, parts.size());
        assertEquals("uneven (train)", parts.get(0).name());
        assertEquals("uneven (test)", parts.get(2).name());
        assertEquals(all.size(), parts.stream().mapToInt(ImageDataset::size).sum());
        int[] whole = all.classCounts();
        for (int c = 0; c < all.numClasses(); c++) {
            int train = parts.get(0).classCounts()[c];
            int validation = parts.get(1).classCounts()[c];
            int test = parts.get(2).classCounts()[c];
            assertEquals(whole[c], train + validation + test);
            assertTrue(test >= 1 && validation >= 1, "class " + c + " missing from a part");
            assertEquals(0.8 * whole[c], train, 1.0, "class " + c);
            assertEquals(0.16 * whole[c], validation, 1.0, "class " + c);
        }
        // disjoint: every image (its pixel is its index) is in exactly one part
        Set<Float> seen = new HashSet<>();
        for (ImageDataset part : parts) {
            for (int i = 0; i < part.size(); i++) {
                assertTrue(seen.add(part.image(i)[0]), "image in two parts");
                assertEquals(all.label((int) part.image(i)[0]), part.label(i));
            }
        }
        assertEquals(all.size(), seen.size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        ImageDataset all = unevenClasses();
        List<ImageDataset> a = StratifiedSplitter.split(all, 1234, 0.7, 0.3);
        List<ImageDataset> b = StratifiedSplitter.split(all, 1234, 0.7, 0.3);
        List<ImageDataset> c = StratifiedSplitter.split(all, 99, 0.7, 0.3);
        assertArrayEquals(pixels(a.get(1)), pixels(b.get(1)), 0f);
        assertNotEquals(java.util.Arrays.toString(pixels(a.get(1))), java.util.Arrays.toString(pixels(c.get(1))));
        assertEquals("uneven (part 2)", a.get(1).name());
    }

    @Test
    void allocationRoundsByLargestRemainderAndFillsEmptyParts() {
        // 10 × (0.8, 0.16, 0.04) = 8, 1.6, 0.4 → 8, 2, 0 → the empty test part takes one from train
        assertArrayEquals(new int[] {7, 2, 1}, StratifiedSplitter.allocate(10, new double[] {0.8, 0.16, 0.04}));
        assertArrayEquals(new int[] {80, 16, 4}, StratifiedSplitter.allocate(100, new double[] {0.8, 0.16, 0.04}));
        // too few images for every part: nothing is invented
        assertArrayEquals(new int[] {2, 0, 0}, StratifiedSplitter.allocate(2, new double[] {0.8, 0.16, 0.04}));
        assertArrayEquals(new int[] {0, 0}, StratifiedSplitter.allocate(0, new double[] {0.5, 0.5}));
    }

    @Test
    void fractionsMustSumToOne() {
        ImageDataset all = unevenClasses();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StratifiedSplitter.split(all, 1, 0.8, 0.16, 0.05));
        assertTrue(e.getMessage().contains("0.8 + 0.16 + 0.05 sum to 1.01"), e.getMessage());
        assertTrue(e.getMessage().contains("must sum to 1"), e.getMessage());
        // within the tolerance is accepted
        assertEquals(3, StratifiedSplitter.split(all, 1, 0.8, 0.16, 0.0400000001).size());
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplitter.split(all, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplitter.split(all, 1, 1.2, -0.2));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplitter.split(all, 1, Double.NaN, 0.5));
    }

    private static float[] pixels(ImageDataset ds) {
        float[] out = new float[ds.size()];
        for (int i = 0; i < ds.size(); i++) {
            out[i] = ds.image(i)[0];
        }
        return out;
    }
}
