package org.lenetlab.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Your own images as a dataset: a root folder with one sub-folder per class, e.g.
 * <pre>
 * flowers/
 *   daisy/  001.jpg 002.png ...
 *   rose/   a.png ...
 * </pre>
 * Images may have any size and format that {@code javax.imageio} reads (PNG, JPEG, BMP, GIF, WBMP). Each is
 * resized to the wanted height × width ({@link ImageResizer}: area averaging when shrinking, bilinear when
 * enlarging) and converted to 1 channel (grayscale, ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B) or 3 (RGB);
 * pixels become floats in [0, 1]. Transparency is ignored (the stored colour is used).
 *
 * <p>The order is deterministic: classes sorted by folder name ({@link String#compareTo}, i.e. by Unicode code
 * points, so {@code "B" < "a"}), images sorted by file name within each class, classes one after another. Hidden
 * files ({@code .DS_Store}, {@code ._x.png}, ...) and {@code Thumbs.db} / {@code desktop.ini} are skipped; files
 * directly in the root are ignored. Anything else that is not an image is an error naming the file.
 */
public final class ImageFolder {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);
    private static final Set<String> SYSTEM_FILES = Set.of("thumbs.db", "desktop.ini");

    private ImageFolder() {
    }

    /**
     * Loads every image under {@code root}.
     *
     * @param root     folder with one sub-folder per class
     * @param channels 1 (grayscale) or 3 (RGB)
     * @param height   height to resize to
     * @param width    width to resize to
     * @return the images, {@code N×channels×height×width}, classes named after the folders
     * @throws DatasetMissingException if {@code root} does not exist or is not a folder
     * @throws DatasetFormatException  if there is no class folder, a class folder is empty or holds a folder, or a
     *                                 file is not a readable image
     * @throws IOException             if reading fails
     */
    public static ImageDataset load(Path root, int channels, int height, int width) throws IOException {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grayscale) or 3 (RGB), got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "×" + width);
        }
        long started = System.nanoTime();
        Path dir = root.toAbsolutePath().normalize();
        List<String> classes = classNames(dir);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> images = imagesOf(dir.resolve(classes.get(c)));
            files.addAll(images);
            for (int k = 0; k < images.size(); k++) {
                labels.add(c);
            }
        }
        int length = channels * height * width;
        float[] pixels = new float[files.size() * length];
        // Decoding dominates; it runs in parallel, each image into its own slot, so the result does not depend
        // on the thread schedule. The first failing file (in dataset order) is reported.
        IOException[] errors = new IOException[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                float[] image = decode(files.get(i), channels, height, width);
                System.arraycopy(image, 0, pixels, i * length, length);
            } catch (IOException e) {
                errors[i] = e;
            }
        });
        for (IOException e : errors) {
            if (e != null) {
                throw e;
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        ImageDataset dataset = new ImageDataset(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(),
                "image folder " + dir, pixels, labelArray, channels, height, width, classes);
        LOG.info(String.format(Locale.ROOT, "Loaded image folder %s: %,d images in %d classes as %d×%d×%d (%.2f s)",
                dir, dataset.size(), classes.size(), channels, height, width, (System.nanoTime() - started) / 1e9));
        return dataset;
    }

    /**
     * The class names of an image folder: its sub-folders, sorted.
     *
     * @param root folder with one sub-folder per class
     * @return the sub-folder names in {@link String#compareTo} order
     * @throws DatasetMissingException if {@code root} does not exist or is not a folder
     * @throws DatasetFormatException  if it has no sub-folders
     * @throws IOException             if it cannot be listed
     */
    public static List<String> classNames(Path root) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new DatasetMissingException("image folder " + dir + " does not exist. Check the path; it should"
                    + " be a folder with one sub-folder per class.");
        }
        if (!Files.isDirectory(dir)) {
            throw new DatasetMissingException(dir + " is a file, not a folder. Give the folder that holds one"
                    + " sub-folder per class.");
        }
        List<String> classes;
        try (Stream<Path> entries = Files.list(dir)) {
            classes = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !isSkipped(name)).sorted().toList();
        }
        if (classes.isEmpty()) {
            throw new DatasetFormatException("image folder " + dir + " has no class folders. Put each class's"
                    + " images in a sub-folder named after the class, e.g. " + dir.resolve("cat").resolve("001.png")
                    + ".");
        }
        return classes;
    }

    private static List<Path> imagesOf(Path classDir) throws IOException {
        List<Path> images = new ArrayList<>();
        try (Stream<Path> entries = Files.list(classDir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (isSkipped(name)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    throw new DatasetFormatException("class folder " + classDir + " contains the folder " + name
                            + "; images must sit directly in the class folders (root/class/image). Move them up or"
                            + " pass the right root folder.");
                }
                images.add(p);
            }
        }
        if (images.isEmpty()) {
            throw new DatasetFormatException("class folder " + classDir + " has no images. Add images or remove"
                    + " the folder.");
        }
        return images;
    }

    private static boolean isSkipped(String name) {
        return name.startsWith(".") || SYSTEM_FILES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static float[] decode(Path file, int channels, int height, int width) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (AccessDeniedException e) {
            throw new DatasetFormatException(file + " cannot be read (permission denied). Fix its permissions or"
                    + " remove it.", e);
        } catch (IOException | RuntimeException e) {
            throw new DatasetFormatException(file + " could not be decoded as an image (" + e.getMessage()
                    + "): it is probably damaged or truncated. Replace or remove it.", e);
        }
        if (image == null) {
            if (!Files.isReadable(file)) {
                throw new DatasetFormatException(file + " cannot be read (permission denied). Fix its permissions"
                        + " or remove it.");
            }
            throw new DatasetFormatException(file + " is not an image javax.imageio can read (PNG, JPEG, BMP, GIF,"
                    + " WBMP). Remove it from the class folder or convert it.");
        }
        float[] planes = toPlanes(image, channels);
        return ImageResizer.resize(planes, channels, image.getHeight(), image.getWidth(), height, width);
    }

    /** The image at its own size, channels first, values in [0, 1]. */
    static float[] toPlanes(BufferedImage image, int channels) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] out = new float[channels * h * w];
        Raster raster = image.getRaster();
        boolean gray = image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
        if (gray && raster.getNumBands() <= 2) {
            // Read gray samples directly: getRGB would pass them through a linear-to-sRGB conversion and brighten
            // them, so a gray PNG would not load with the values it stores.
            double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    float v = (float) (row[x] / max);
                    for (int c = 0; c < channels; c++) {
                        out[(c * h + y) * w + x] = v;
                    }
                }
            }
            return out;
        }
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                float r = ((argb[x] >> 16) & 0xFF) / 255f;
                float g = ((argb[x] >> 8) & 0xFF) / 255f;
                float b = (argb[x] & 0xFF) / 255f;
                if (channels == 1) {
                    out[y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    out[y * w + x] = r;
                    out[(h + y) * w + x] = g;
                    out[(2 * h + y) * w + x] = b;
                }
            }
        }
        return out;
    }
}
