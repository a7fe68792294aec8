package org.lenetlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.lenetlab.io.AtomicFiles;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-class statistics of a dataset: number of images, share of the dataset and mean pixel value, plus the
 * overall mean and standard deviation of the pixels (what a normaliser would subtract and divide by). Shows class
 * imbalance and, through the mean pixel, how much ink a class carries (a "1" has far less than an "8").
 */
public final class DatasetStatistics {
    private final String name;
    private final List<String> classNames;
    private final int[] counts;
    private final double[] meanPixels;
    private final int size;
    private final double mean;
    private final double std;

    private DatasetStatistics(String name, List<String> classNames, int[] counts, double[] meanPixels, int size,
                              double mean, double std) {
        this.name = name;
        this.classNames = classNames;
        this.counts = counts;
        this.meanPixels = meanPixels;
        this.size = size;
        this.mean = mean;
        this.std = std;
    }

    /**
     * @param data a dataset
     * @return its statistics (one pass over the pixels)
     */
    public static DatasetStatistics of(ImageDataset data) {
        Objects.requireNonNull(data, "data");
        int n = data.numClasses();
        int[] counts = new int[n];
        double[] sums = new double[n];
        double total = 0;
        double totalSquares = 0;
        int length = data.imageLength();
        float[] image = new float[length];
        for (int i = 0; i < data.size(); i++) {
            data.copyImage(i, image, 0);
            double s = 0;
            for (float v : image) {
                s += v;
                totalSquares += (double) v * v;
            }
            int label = data.label(i);
            counts[label]++;
            sums[label] += s / length;
            total += s;
        }
        double[] means = new double[n];
        for (int c = 0; c < n; c++) {
            means[c] = counts[c] == 0 ? Double.NaN : sums[c] / counts[c];
        }
        long values = (long) data.size() * length;
        double mean = values == 0 ? Double.NaN : total / values;
        double variance = values == 0 ? Double.NaN : Math.max(0, totalSquares / values - mean * mean);
        return new DatasetStatistics(data.name(), data.classNames(), counts, means, data.size(), mean,
                Math.sqrt(variance));
    }

    /** @return the dataset's name */
    public String name() {
        return name;
    }

    /** @return number of images */
    public int size() {
        return size;
    }

    /** @return class names, by index */
    public List<String> classNames() {
        return classNames;
    }

    /** @return images per class, by class index (a copy) */
    public int[] counts() {
        return counts.clone();
    }

    /**
     * @param classIndex a class
     * @return its share of the dataset, in [0, 1] (NaN for an empty dataset)
     */
    public double share(int classIndex) {
        return size == 0 ? Double.NaN : (double) counts[classIndex] / size;
    }

    /** @return mean pixel value per class (NaN for a class without images), a copy */
    public double[] meanPixels() {
        return meanPixels.clone();
    }

    /** @return mean of all pixel values */
    public double meanPixel() {
        return mean;
    }

    /** @return standard deviation of all pixel values (population) */
    public double pixelStd() {
        return std;
    }

    /** @return largest class count over smallest (infinite if a class has no images) */
    public double imbalance() {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int c : counts) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        return min == 0 ? Double.POSITIVE_INFINITY : (double) max / min;
    }

    /**
     * @return a Tablesaw table with columns {@code class}, {@code count}, {@code share} and {@code mean pixel},
     *     one row per class, named after the dataset
     */
    public Table toTable() {
        double[] shares = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            shares[c] = share(c);
        }
        return Table.create("dataset statistics: " + name, StringColumn.create("class", classNames),
                IntColumn.create("count", counts.clone()), DoubleColumn.create("share", shares),
                DoubleColumn.create("mean pixel", meanPixels.clone()));
    }

    /**
     * Writes {@link #toTable()} as CSV, atomically.
     *
     * @param file the CSV file to create or replace
     * @return {@code file}
     * @throws IOException if writing fails
     */
    public Path writeCsv(Path file) throws IOException {
        Table table = toTable();
        return AtomicFiles.write(file, out -> table.write().csv(out));
    }

    /** @return e.g. {@code MNIST sample (train): 8,000 images, 10 classes, largest/smallest 1.25×, pixel mean ...} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %,d images, %d classes, largest/smallest class %.2f×, pixel mean "
                + "%.4f, std %.4f", name, size, counts.length, imbalance(), mean, std);
    }
}
