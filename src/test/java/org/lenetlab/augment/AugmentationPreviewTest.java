package org.lenetlab.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.data.ImageDataset;

/** The preview grid: layout, originals on top, augmented rows below, PNG written atomically, bad input. */
class AugmentationPreviewTest {

    private static ImageDataset blobs(int n) {
        float[] px = new float[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            System.arraycopy(AugmentationTest.blob(1), 0, px, i * 784, 784);
        }
        return new ImageDataset("blobs", "test", px, new int[n], 1, 28, 28, ImageDataset.numberedClasses(2));
    }

    @Test
    void gridShowsOriginalsAboveAugmentedRows(@TempDir Path dir) throws IOException {
        ImageDataset data = blobs(5);
        AugmentationPreview preview = AugmentationPreview.of(data, AugmentationChain.digits(), 4, 3, 42);
        BufferedImage img = preview.image();
        // 28 px images are drawn at 2× (56 px cells), 2 px gaps, 6 px between originals and augmented rows
        assertEquals(2 + 4 * (56 + 2), img.getWidth());
        assertEquals(2 + 56 + 6 + 3 * (56 + 2), img.getHeight());
        assertEquals(4, preview.columns());
        assertEquals(3, preview.augmentedRows());
        // the brightest pixel of the blob (value 1 at x=11, y=13) is white in the original row
        assertEquals(0xFFFFFF, img.getRGB(2 + 11 * 2, 2 + 13 * 2) & 0xFFFFFF);
        assertEquals(0x000000, img.getRGB(2, 2) & 0xFFFFFF);
        // augmented cells differ from the original cell
        int top = 2 + 56 + 6;
        int differing = 0;
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                differing += img.getRGB(2 + x, 2 + y) != img.getRGB(2 + x, top + y) ? 1 : 0;
            }
        }
        assertTrue(differing > 100, differing + " pixels differ");

        Path png = preview.toPng(dir.resolve("sub/preview.png"));
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getRGB(30, 30), back.getRGB(30, 30));
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        AugmentationPreview again = AugmentationPreview.of(data, AugmentationChain.digits(), new int[] {0, 1, 2, 3},
                3, 42);
        assertEquals(img.getRGB(20, top + 20), again.image().getRGB(20, top + 20), "same seed, same preview");
        AugmentationPreview other = AugmentationPreview.of(data, AugmentationChain.digits(), 4, 3, 43);
        int changed = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            changed += img.getRGB(x, top + 28) != other.image().getRGB(x, top + 28) ? 1 : 0;
        }
        assertNotEquals(0, changed, "another seed, other variants");
    }

    @Test
    void badArgumentsAreExplained() {
        ImageDataset data = blobs(3);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AugmentationPreview.of(data, AugmentationChain.digits(), 4, 2, 1)).getMessage()
                .contains("1 to 3 images of blobs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> AugmentationPreview.of(data, AugmentationChain.digits(), new int[] {5}, 2, 1)).getMessage()
                .contains("image index 5"));
        assertThrows(IllegalArgumentException.class,
                () -> AugmentationPreview.of(data, AugmentationChain.digits(), 2, 0, 1));
    }
}
