package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageResizerTest {

    @Test
    void shrinkingByTwoAveragesEachBlock() {
        float[] src = {
            0, 1, 2, 3,
            4, 5, 6, 7,
            8, 9, 10, 11,
            12, 13, 14, 15};
        float[] out = ImageResizer.resize(src, 1, 4, 4, 2, 2);
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, out, 1e-6f);
    }

    @Test
    void shrinkingByANonIntegerFactorWeightsPartialPixels() {
        // 3 → 2: output 0 covers pixels [0, 1.5): 2/3 of p0 + 1/3 of p1
        float[] out = ImageResizer.resize(new float[] {0, 3, 6}, 1, 1, 3, 1, 2);
        assertArrayEquals(new float[] {1f, 5f}, out, 1e-6f);
    }

    @Test
    void enlargingInterpolatesBilinearlyBetweenCentres() {
        float[] out = ImageResizer.resize(new float[] {0, 1}, 1, 1, 2, 1, 4);
        assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, out, 1e-6f);
    }

    @Test
    void sameSizeIsACopyAndChannelsStaySeparate() {
        float[] src = {1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(src, ImageResizer.resize(src, 2, 2, 2, 2, 2), 0f);
        float[] shrunk = ImageResizer.resize(src, 2, 2, 2, 1, 1);
        assertArrayEquals(new float[] {2.5f, 6.5f}, shrunk, 1e-6f);
    }

    @Test
    void constantImagesStayConstantAtAnySize() {
        float[] src = new float[3 * 17 * 23];
        java.util.Arrays.fill(src, 0.4f);
        for (int[] size : new int[][] {{5, 7}, {40, 9}, {64, 64}}) {
            float[] out = ImageResizer.resize(src, 3, 17, 23, size[0], size[1]);
            assertEquals(3 * size[0] * size[1], out.length);
            for (float v : out) {
                assertEquals(0.4f, v, 1e-5f);
            }
        }
    }

    @Test
    void wrongInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ImageResizer.resize(new float[5], 1, 2, 2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageResizer.resize(new float[4], 1, 2, 2, 0, 1));
    }

    @Test
    void resizingADatasetKeepsLabelsClassesAndSourceAndResizesEveryImage() {
        float[] pixels = {
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        ImageDataset data = new ImageDataset("tiny", "test", pixels, new int[] {2, 0}, 1, 4, 4,
                java.util.List.of("a", "b", "c"));
        ImageDataset small = ImageResizer.resize(data, 2, 2);
        assertEquals("tiny (resized to 2×2)", small.name());
        assertEquals("test", small.source());
        assertEquals(2, small.height());
        assertEquals(2, small.width());
        assertArrayEquals(new int[] {2, 0}, small.labels());
        assertEquals(data.classNames(), small.classNames());
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, small.image(0), 1e-6f);
        assertArrayEquals(new float[] {1, 1, 1, 1}, small.image(1), 1e-6f);
        assertSame(data, ImageResizer.resize(data, 4, 4), "same size: the dataset itself");
        assertEquals(6 * 5, ImageResizer.resize(data, 6, 5).imageLength());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ImageResizer.resize(data, 0, 32));
        assertTrue(bad.getMessage().contains("tiny") && bad.getMessage().contains("0×32"), bad.getMessage());
    }
}
