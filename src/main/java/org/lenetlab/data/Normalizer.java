package org.lenetlab.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * A per-channel affine transformation {@code x' = (x - offset[c]) / scale[c]}, fitted on training data and applied
 * unchanged to validation and test data (fitting on those would leak information about them).
 *
 * <ul>
 *   <li>{@link #standardize(ImageDataset)}: offset = mean, scale = standard deviation of each channel, so the
 *       training data has mean 0 and standard deviation 1 per channel;</li>
 *   <li>{@link #minMax(ImageDataset)}: offset = minimum, scale = maximum − minimum, so the training data spans
 *       [0, 1] per channel (other data may fall slightly outside).</li>
 * </ul>
 * A channel that is constant in the training data gets scale 1, so it is shifted but never divided by zero.
 */
public final class Normalizer {
    /** What a normalizer does. */
    public enum Kind {
        /** Per-channel mean 0, standard deviation 1. */
        STANDARDIZE,
        /** Per-channel range [0, 1]. */
        MIN_MAX
    }

    private final Kind kind;
    private final double[] offsets;
    private final double[] scales;

    /**
     * Re-creates a normalizer from stored values (e.g. saved with a model).
     *
     * @param kind    what it does
     * @param offsets subtracted from each channel
     * @param scales  each channel is divided by this, all positive
     */
    public Normalizer(Kind kind, double[] offsets, double[] scales) {
        if (offsets.length != scales.length || offsets.length == 0) {
            throw new IllegalArgumentException("need one offset and one scale per channel, got " + offsets.length
                    + " offsets and " + scales.length + " scales");
        }
        for (double s : scales) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("scales must be positive and finite, got " + Arrays.toString(scales));
            }
        }
        this.kind = kind;
        this.offsets = offsets.clone();
        this.scales = scales.clone();
    }

    /**
     * Fits mean and standard deviation per channel.
     *
     * @param train training data
     * @return the fitted normalizer
     */
    public static Normalizer standardize(ImageDataset train) {
        requireNotEmpty(train);
        int channels = train.channels();
        int plane = train.height() * train.width();
        double[] sum = new double[channels];
        double[] sumSquares = new double[channels];
        float[] image = new float[train.imageLength()];
        for (int i = 0; i < train.size(); i++) {
            train.copyImage(i, image, 0);
            for (int c = 0; c < channels; c++) {
                double s = 0;
                double q = 0;
                for (int p = c * plane; p < (c + 1) * plane; p++) {
                    s += image[p];
                    q += (double) image[p] * image[p];
                }
                sum[c] += s;
                sumSquares[c] += q;
            }
        }
        double n = (double) train.size() * plane;
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = sum[c] / n;
            double variance = Math.max(0, sumSquares[c] / n - mean[c] * mean[c]);
            std[c] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        return new Normalizer(Kind.STANDARDIZE, mean, std);
    }

    /**
     * Fits minimum and maximum per channel.
     *
     * @param train training data
     * @return the fitted normalizer
     */
    public static Normalizer minMax(ImageDataset train) {
        requireNotEmpty(train);
        int channels = train.channels();
        int plane = train.height() * train.width();
        double[] min = new double[channels];
        double[] max = new double[channels];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        float[] image = new float[train.imageLength()];
        for (int i = 0; i < train.size(); i++) {
            train.copyImage(i, image, 0);
            for (int c = 0; c < channels; c++) {
                for (int p = c * plane; p < (c + 1) * plane; p++) {
                    min[c] = Math.min(min[c], image[p]);
                    max[c] = Math.max(max[c], image[p]);
                }
            }
        }
        double[] range = new double[channels];
        for (int c = 0; c < channels; c++) {
            range[c] = max[c] - min[c] > 1e-12 ? max[c] - min[c] : 1;
        }
        return new Normalizer(Kind.MIN_MAX, min, range);
    }

    /**
     * Applies the transformation.
     *
     * @param dataset data with the same number of channels as the training data
     * @return a new dataset, name suffixed with "standardized" or "min-max"
     * @throws IllegalArgumentException if the channel count differs
     */
    public ImageDataset apply(ImageDataset dataset) {
        if (dataset.channels() != offsets.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s has %d channels but this normalizer was fitted on %d", dataset.name(), dataset.channels(),
                    offsets.length));
        }
        int plane = dataset.height() * dataset.width();
        int length = dataset.imageLength();
        float[] pixels = new float[dataset.size() * length];
        for (int i = 0; i < dataset.size(); i++) {
            dataset.copyImage(i, pixels, i * length);
            for (int c = 0; c < offsets.length; c++) {
                float offset = (float) offsets[c];
                float inverse = (float) (1 / scales[c]);
                for (int p = i * length + c * plane, end = p + plane; p < end; p++) {
                    pixels[p] = (pixels[p] - offset) * inverse;
                }
            }
        }
        String suffix = kind == Kind.STANDARDIZE ? "standardized" : "min-max";
        return new ImageDataset(dataset.name() + " (" + suffix + ")", dataset.source(), pixels, dataset.labels(),
                dataset.channels(), dataset.height(), dataset.width(), dataset.classNames());
    }

    /** @return what this normalizer does */
    public Kind kind() {
        return kind;
    }

    /** @return value subtracted per channel (mean or minimum) */
    public double[] offsets() {
        return offsets.clone();
    }

    /** @return divisor per channel (standard deviation or range) */
    public double[] scales() {
        return scales.clone();
    }

    /** @return e.g. {@code "STANDARDIZE offsets [0.1307] scales [0.3081]"} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s offsets %s scales %s", kind, Arrays.toString(offsets),
                Arrays.toString(scales));
    }

    private static void requireNotEmpty(ImageDataset train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException(train.name() + " is empty: nothing to fit a normalizer on");
        }
    }
}
