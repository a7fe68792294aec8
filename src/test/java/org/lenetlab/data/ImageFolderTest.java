package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path root;

    @Test
    void loadsClassesSortedWithImagesOfAnySizeResized() throws IOException {
        // classes created out of order, images of different sizes and formats
        write("zebra", "b.png", solid(64, 64, 0x00FF00));
        write("zebra", "a.bmp", solid(30, 50, 0x0000FF));
        write("ant", "1.png", solid(64, 64, 0xFF0000));
        write("Moth", "x.jpg", solid(100, 80, 0xFFFFFF));
        Files.writeString(root.resolve("ant").resolve(".DS_Store"), "mac metadata");
        Files.writeString(root.resolve("README.txt"), "files in the root are ignored");

        ImageDataset rgb = ImageFolder.load(root, 3, 16, 16);
        assertEquals(List.of("Moth", "ant", "zebra"), rgb.classNames(), "String order: upper case first");
        assertEquals(4, rgb.size());
        assertArrayEquals(new int[] {0, 1, 2, 2}, rgb.labels(), "class by class, files sorted by name");
        assertEquals(3, rgb.channels());
        assertEquals(16, rgb.height());
        assertEquals(16, rgb.width());
        assertEquals(root.getFileName().toString(), rgb.name());
        assertEquals("image folder " + root.toAbsolutePath().normalize(), rgb.source());
        assertPlanes(rgb.image(1), 16 * 16, 1f, 0f, 0f); // red ant
        assertPlanes(rgb.image(2), 16 * 16, 0f, 0f, 1f); // zebra/a.bmp blue
        assertPlanes(rgb.image(3), 16 * 16, 0f, 1f, 0f); // zebra/b.png green
        float[] white = rgb.image(0);
        for (float v : white) {
            assertEquals(1f, v, 0.02f, "JPEG white");
        }

        ImageDataset gray = ImageFolder.load(root, 1, 8, 12);
        assertEquals(1, gray.channels());
        assertEquals(8, gray.height());
        assertEquals(12, gray.width());
        assertEquals(0.299f, gray.image(1)[0], 1e-6f);
        assertEquals(0.114f, gray.image(2)[40], 1e-6f);
        assertEquals(0.587f, gray.image(3)[95], 1e-6f);
    }

    @Test
    void seedSizedUseCaseLoadsAllClassesInOrder() throws IOException {
        int classes = 12;
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < 3; k++) {
                write(String.format("class%02d", c), k + ".png", solid(64, 64, (c * 20) << 16 | k * 40));
            }
        }
        ImageDataset ds = ImageFolder.load(root, 3, 32, 32);
        assertEquals(classes * 3, ds.size());
        assertEquals(classes, ds.numClasses());
        int[] threeEach = new int[classes];
        Arrays.fill(threeEach, 3);
        assertArrayEquals(threeEach, ds.classCounts());
        assertEquals(11 * 20 / 255f, ds.image(35)[0], 1e-6f);
        assertEquals(2 * 40 / 255f, ds.image(35)[2 * 32 * 32], 1e-6f);
        ImageDataset again = ImageFolder.load(root, 3, 32, 32);
        assertArrayEquals(ds.image(17), again.image(17), 0f);
    }

    @Test
    void grayscalePngKeepsItsStoredValues() throws IOException {
        BufferedImage g = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(1, 2, 0, 100);
        write("digits", "g.png", g);
        ImageDataset ds = ImageFolder.load(root, 1, 4, 4);
        assertEquals(100 / 255f, ds.image(0)[2 * 4 + 1], 1e-6f);
        assertEquals(0f, ds.image(0)[0]);
    }

    @Test
    void nonImageFileIsNamed() throws IOException {
        write("cats", "1.png", solid(8, 8, 0));
        Path notes = Files.writeString(root.resolve("cats").resolve("notes.txt"), "not a picture");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(root, 1, 8, 8));
        assertTrue(e.getMessage().contains(notes.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is not an image"), e.getMessage());
    }

    @Test
    void truncatedImageIsReportedAsUnreadable() throws IOException {
        write("cats", "1.png", noise(40, 40));
        byte[] png = Files.readAllBytes(root.resolve("cats").resolve("1.png"));
        Path broken = Files.write(root.resolve("cats").resolve("2.png"), Arrays.copyOf(png, png.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(root, 3, 8, 8));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("could not be decoded"), e.getMessage());
    }

    @Test
    void emptyClassFolderIsNamed() throws IOException {
        write("cats", "1.png", solid(8, 8, 0));
        Path dogs = Files.createDirectories(root.resolve("dogs"));
        Files.writeString(dogs.resolve(".DS_Store"), "hidden files do not count");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(root, 1, 8, 8));
        assertTrue(e.getMessage().contains("class folder " + dogs.toAbsolutePath() + " has no images"),
                e.getMessage());
    }

    @Test
    void missingRootAndRootWithoutClassFoldersAreExplained() throws IOException {
        Path missing = root.resolve("nope");
        DatasetMissingException m = assertThrows(DatasetMissingException.class,
                () -> ImageFolder.load(missing, 1, 8, 8));
        assertTrue(m.getMessage().contains(missing + " does not exist"), m.getMessage());

        Files.writeString(root.resolve("stray.png"), "x");
        DatasetFormatException f = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(root, 1, 8, 8));
        assertTrue(f.getMessage().contains("has no class folders"), f.getMessage());

        assertThrows(DatasetMissingException.class, () -> ImageFolder.load(root.resolve("stray.png"), 1, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> ImageFolder.load(root, 2, 8, 8));
    }

    @Test
    void nestedFolderInAClassIsAnError() throws IOException {
        write("cats", "1.png", solid(8, 8, 0));
        Files.createDirectories(root.resolve("cats").resolve("more"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ImageFolder.load(root, 1, 8, 8));
        assertTrue(e.getMessage().contains("contains the folder more"), e.getMessage());
    }

    private static void assertPlanes(float[] image, int plane, float r, float g, float b) {
        for (int p = 0; p < plane; p++) {
            assertEquals(r, image[p], 1e-6f);
            assertEquals(g, image[plane + p], 1e-6f);
            assertEquals(b, image[2 * plane + p], 1e-6f);
        }
    }

    private void write(String classFolder, String file, BufferedImage image) throws IOException {
        Path dir = Files.createDirectories(root.resolve(classFolder));
        String format = file.substring(file.lastIndexOf('.') + 1).replace("jpg", "jpeg");
        assertTrue(ImageIO.write(image, format, dir.resolve(file).toFile()), "no writer for " + format);
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random rng = new java.util.Random(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        return img;
    }
}
