package org.lenetlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A labelled set of same-sized images held in memory, channels-first ({@code N×C×H×W}), pixel values as floats
 * (usually in [0, 1]).
 *
 * <p>Every dataset knows where it came from ({@link #source()}): the bundled sample, a cache file, a Debian
 * package, an image folder. Datasets are immutable; {@link #subset(int[], String)} and the split helpers make new
 * ones.
 */
public final class ImageDataset {
    private final String name;
    private final String source;
    private final float[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classNames;

    /**
     * Creates a dataset; the arrays are taken over, not copied.
     *
     * @param name       short human name, e.g. {@code "MNIST sample (train)"}
     * @param source     where the data came from, e.g. a file path or {@code "bundled sample"}
     * @param pixels     {@code size × channels × height × width} values, image after image, channels first
     * @param labels     class index of each image, {@code 0 <= label < classNames.size()}
     * @param channels   1 for grayscale, 3 for RGB
     * @param height     image height in pixels
     * @param width      image width in pixels
     * @param classNames name of each class, by index
     * @throws IllegalArgumentException if the sizes do not agree or a label is out of range
     */
    public ImageDataset(String name, String source, float[] pixels, int[] labels, int channels, int height, int width,
                        List<String> classNames) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.classNames = List.copyOf(classNames);
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: image shape %d×%d×%d is not valid (channels, height and width must be positive)", name,
                    channels, height, width));
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        long expected = (long) labels.length * channels * height * width;
        if (expected != pixels.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %d labels need %d pixel values for %d×%d×%d images, got %d", name, labels.length, expected,
                    channels, height, width, pixels.length));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= this.classNames.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: label %d of image %d is outside 0..%d", name, labels[i], i, this.classNames.size() - 1));
            }
        }
    }

    /** @return short human name of the dataset */
    public String name() {
        return name;
    }

    /** @return where the data came from (file, package, bundled sample, download cache) */
    public String source() {
        return source;
    }

    /** @return number of images */
    public int size() {
        return labels.length;
    }

    /** @return channels per image (1 grayscale, 3 RGB) */
    public int channels() {
        return channels;
    }

    /** @return image height in pixels */
    public int height() {
        return height;
    }

    /** @return image width in pixels */
    public int width() {
        return width;
    }

    /** @return values per image, {@code channels × height × width} */
    public int imageLength() {
        return channels * height * width;
    }

    /** @return number of classes */
    public int numClasses() {
        return classNames.size();
    }

    /** @return class names by index */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * @param i image index
     * @return class index of image {@code i}
     */
    public int label(int i) {
        return labels[i];
    }

    /** @return a copy of all labels */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * @param i image index
     * @return a copy of image {@code i}, channels first
     */
    public float[] image(int i) {
        int n = imageLength();
        return Arrays.copyOfRange(pixels, i * n, (i + 1) * n);
    }

    /**
     * Copies image {@code i} into {@code dest} at {@code offset} without allocating.
     *
     * @param i      image index
     * @param dest   destination array
     * @param offset first index written in {@code dest}
     */
    public void copyImage(int i, float[] dest, int offset) {
        int n = imageLength();
        System.arraycopy(pixels, i * n, dest, offset, n);
    }

    /** @return number of images per class, by class index */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Selects images by index (repeats allowed) into a new dataset.
     *
     * @param indices images to keep, in the order wanted
     * @param suffix  appended to the name, e.g. {@code "train"}
     * @return the new dataset, same source and classes
     */
    public ImageDataset subset(int[] indices, String suffix) {
        int n = imageLength();
        float[] px = new float[indices.length * n];
        int[] lb = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException(name + ": image index " + i + " outside 0.." + (size() - 1));
            }
            System.arraycopy(pixels, i * n, px, k * n, n);
            lb[k] = labels[i];
        }
        String newName = suffix == null || suffix.isEmpty() ? name : name + " (" + suffix + ")";
        return new ImageDataset(newName, source, px, lb, channels, height, width, classNames);
    }

    /**
     * @param count number of images to keep from the start
     * @return the first {@code count} images (all of them if fewer)
     */
    public ImageDataset head(int count) {
        int[] idx = new int[Math.min(count, size())];
        Arrays.setAll(idx, i -> i);
        return subset(idx, "first " + idx.length);
    }

    /**
     * Applies a per-value transformation (e.g. normalisation) into a new dataset.
     *
     * @param op     the transformation of one pixel value
     * @param suffix appended to the name
     * @return the transformed dataset
     */
    public ImageDataset mapPixels(java.util.function.DoubleUnaryOperator op, String suffix) {
        float[] px = new float[pixels.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) op.applyAsDouble(pixels[i]);
        }
        return new ImageDataset(suffix == null ? name : name + " (" + suffix + ")", source, px, labels.clone(),
                channels, height, width, classNames);
    }

    /**
     * Features of images {@code [from, to)} as an {@code N×C×H×W} float array.
     *
     * @param from first image
     * @param to   one past the last image
     * @return a new ND4J array
     */
    public INDArray features(int from, int to) {
        int n = imageLength();
        float[] chunk = Arrays.copyOfRange(pixels, from * n, to * n);
        return Nd4j.create(chunk, new long[] {to - from, channels, height, width}, DataType.FLOAT);
    }

    /**
     * One-hot labels of images {@code [from, to)}.
     *
     * @param from first image
     * @param to   one past the last image
     * @return a new {@code N×numClasses} float array
     */
    public INDArray oneHotLabels(int from, int to) {
        float[] oneHot = new float[(to - from) * numClasses()];
        for (int i = from; i < to; i++) {
            oneHot[(i - from) * numClasses() + labels[i]] = 1f;
        }
        return Nd4j.create(oneHot, new long[] {to - from, numClasses()}, DataType.FLOAT);
    }

    /** @return the whole dataset as one ND4J {@link DataSet} (features N×C×H×W, one-hot labels) */
    public DataSet toDataSet() {
        return new DataSet(features(0, size()), oneHotLabels(0, size()));
    }

    /** @return a one-line description: name, size, shape, classes and source */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %,d images %d×%d×%d, %d classes, from %s", name, size(), height, width,
                channels, numClasses(), source);
    }

    /** @return class names {@code "0"} … {@code "n-1"} */
    public static List<String> numberedClasses(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
