package org.lenetlab.augment;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import javax.imageio.ImageIO;

import org.lenetlab.data.ImageDataset;
import org.lenetlab.io.AtomicFiles;

/**
 * A grid for eyeballing an augmentation: the top row shows original images, each row below shows the same
 * images as the training pipeline would serve them in one epoch (row {@code r} = epoch {@code r - 1} of a run with
 * the given seed). A gap wider than the others separates the originals from the augmented rows.
 *
 * <pre>{@code
 * AugmentationPreview preview = AugmentationPreview.of(train, AugmentationChain.digits(), 8, 3, 42);
 * preview.toPng(Path.of("augmentation.png"));   // or display preview.image() in the notebook
 * }</pre>
 *
 * <p>Pixel values are mapped to grey levels (or colours) linearly from the smallest to the largest value of the
 * originals shown, so normalised images display as well as images in {@code [0, 1]}.
 */
public final class AugmentationPreview {
    private static final int GAP = 2;
    private static final int SEPARATOR = 6;
    private static final int BACKGROUND = 0x3C78D8;

    private final BufferedImage image;
    private final int columns;
    private final int augmentedRows;

    private AugmentationPreview(BufferedImage image, int columns, int augmentedRows) {
        this.image = image;
        this.columns = columns;
        this.augmentedRows = augmentedRows;
    }

    /**
     * Previews the first {@code images} images of a dataset.
     *
     * @param dataset       the images
     * @param augmentation  the augmentation to show
     * @param images        number of columns, 1 to the dataset size
     * @param augmentedRows number of augmented rows under the originals, at least 1
     * @param seed          the run's seed
     * @return the preview
     * @throws IllegalArgumentException if a count is out of range
     */
    public static AugmentationPreview of(ImageDataset dataset, Augmentation augmentation, int images,
                                         int augmentedRows, long seed) {
        Objects.requireNonNull(dataset, "dataset");
        if (images < 1 || images > dataset.size()) {
            throw new IllegalArgumentException("a preview shows 1 to " + dataset.size() + " images of "
                    + dataset.name() + ", asked for " + images);
        }
        int[] indices = new int[images];
        for (int i = 0; i < images; i++) {
            indices[i] = i;
        }
        return of(dataset, augmentation, indices, augmentedRows, seed);
    }

    /**
     * Previews chosen images of a dataset.
     *
     * @param dataset       the images
     * @param augmentation  the augmentation to show
     * @param indices       the images, one per column
     * @param augmentedRows number of augmented rows under the originals, 1 to 100
     * @param seed          the run's seed
     * @return the preview
     * @throws IllegalArgumentException if an index or count is out of range
     */
    public static AugmentationPreview of(ImageDataset dataset, Augmentation augmentation, int[] indices,
                                         int augmentedRows, long seed) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(augmentation, "augmentation");
        if (indices.length == 0) {
            throw new IllegalArgumentException("a preview needs at least one image index");
        }
        if (augmentedRows < 1 || augmentedRows > 100) {
            throw new IllegalArgumentException("a preview has 1 to 100 augmented rows, asked for " + augmentedRows);
        }
        for (int i : indices) {
            if (i < 0 || i >= dataset.size()) {
                throw new IllegalArgumentException("image index " + i + " is outside 0.." + (dataset.size() - 1)
                        + " of " + dataset.name());
            }
        }
        int c = dataset.channels();
        int h = dataset.height();
        int w = dataset.width();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i : indices) {
            for (float v : dataset.image(i)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int scale = Math.max(1, (int) Math.ceil(56.0 / Math.max(h, w)));
        int cellW = w * scale;
        int cellH = h * scale;
        int width = GAP + indices.length * (cellW + GAP);
        int height = GAP + cellH + SEPARATOR + augmentedRows * (cellH + GAP);
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                grid.setRGB(x, y, BACKGROUND);
            }
        }
        for (int col = 0; col < indices.length; col++) {
            int left = GAP + col * (cellW + GAP);
            draw(grid, dataset.image(indices[col]), c, h, w, scale, left, GAP, lo, hi);
            for (int row = 0; row < augmentedRows; row++) {
                float[] img = dataset.image(indices[col]);
                augmentation.apply(img, c, h, w, Augmentation.random(seed, row, indices[col]));
                draw(grid, img, c, h, w, scale, left, GAP + cellH + SEPARATOR + row * (cellH + GAP), lo, hi);
            }
        }
        return new AugmentationPreview(grid, indices.length, augmentedRows);
    }

    private static void draw(BufferedImage grid, float[] img, int channels, int h, int w, int scale, int left,
                             int top, float lo, float hi) {
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = y * w + x;
                int r = level(img[at], lo, hi);
                int g = channels >= 3 ? level(img[plane + at], lo, hi) : r;
                int b = channels >= 3 ? level(img[2 * plane + at], lo, hi) : r;
                int rgb = (r << 16) | (g << 8) | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        grid.setRGB(left + x * scale + dx, top + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static int level(float v, float lo, float hi) {
        int level = Math.round((v - lo) / (hi - lo) * 255f);
        return Math.max(0, Math.min(255, level));
    }

    /** @return the grid as an image (e.g. to display in a notebook) */
    public BufferedImage image() {
        return image;
    }

    /** @return number of images across */
    public int columns() {
        return columns;
    }

    /** @return number of augmented rows under the originals */
    public int augmentedRows() {
        return augmentedRows;
    }

    /**
     * Writes the grid as a PNG, atomically: the file appears complete or not at all.
     *
     * @param file the target file (parent directories are created)
     * @return the file
     * @throws IOException if it cannot be written
     */
    public Path toPng(Path file) throws IOException {
        return AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available in this Java runtime for " + file);
            }
        });
    }
}
