package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Imbalanced variants: counts, seeded choice, original order, other classes untouched, bad input. */
class ImbalanceTest {

    @Test
    void keepsFivePercentOfChosenClassesAndEverythingElse() throws IOException {
        ImageDataset digits = Mnist.sample(Split.TEST);
        int[] before = digits.classCounts();
        ImageDataset rare = Imbalance.keepFraction(digits, 0.05, 42, 3, 8);
        int[] after = rare.classCounts();
        for (int c = 0; c < 10; c++) {
            int expected = c == 3 || c == 8 ? (int) Math.round(0.05 * before[c]) : before[c];
            assertEquals(expected, after[c], "class " + c);
        }
        assertEquals("MNIST sample (test) (5 % of classes 3, 8)", rare.name());
        assertEquals(digits.classNames(), rare.classNames());

        ImageDataset again = Imbalance.keepFraction(digits, 0.05, 42, 3, 8);
        assertArrayEquals(rare.labels(), again.labels());
        assertArrayEquals(rare.image(100), again.image(100), 0f);
        ImageDataset otherSeed = Imbalance.keepFraction(digits, 0.05, 43, 3, 8);
        assertFalse(Arrays.equals(threes(rare), threes(otherSeed)), "another seed keeps other 3s");
    }

    /** All pixels of the kept 3s, concatenated. */
    private static float[] threes(ImageDataset d) {
        float[] all = new float[0];
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) == 3) {
                float[] img = d.image(i);
                float[] more = Arrays.copyOf(all, all.length + img.length);
                System.arraycopy(img, 0, more, all.length, img.length);
                all = more;
            }
        }
        return all;
    }

    @Test
    void keptImagesStayInOrderAndAreOriginals() {
        float[] px = new float[20];
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            px[i] = i;
            labels[i] = i % 2;
        }
        ImageDataset toy = new ImageDataset("toy", "test", px, labels, 1, 1, 1, ImageDataset.numberedClasses(2));
        ImageDataset cut = Imbalance.keepCounts(toy, new int[] {10, 3}, 5, "cut");
        assertEquals(13, cut.size());
        float previous = -1;
        for (int i = 0; i < cut.size(); i++) {
            float v = cut.image(i)[0];
            assertTrue(v > previous, "original order");
            assertEquals((int) v % 2, cut.label(i), "label travels with its image");
            previous = v;
        }
        assertEquals(1, Imbalance.keepFraction(toy, 0.01, 1, 1).classCounts()[1], "a class keeps at least one");
    }

    @Test
    void badInputIsExplained() {
        ImageDataset toy = new ImageDataset("toy", "test", new float[4], new int[] {0, 0, 1, 1}, 1, 1, 1,
                ImageDataset.numberedClasses(2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Imbalance.keepFraction(toy, 0, 1, 1))
                .getMessage().contains("got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Imbalance.keepFraction(toy, 0.5, 1, 2))
                .getMessage().contains("class 2 is outside 0..1 of toy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Imbalance.keepFraction(toy, 0.5, 1, 1, 1))
                .getMessage().contains("named twice"));
        assertThrows(IllegalArgumentException.class, () -> Imbalance.keepFraction(toy, 0.5, 1));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Imbalance.keepCounts(toy, new int[] {3, 0}, 1, "x")).getMessage()
                .contains("toy has 2 images of class 0"));
        assertThrows(IllegalArgumentException.class, () -> Imbalance.keepCounts(toy, new int[] {0, 0}, 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> Imbalance.keepCounts(toy, new int[] {1}, 1, "x"));
    }
}
