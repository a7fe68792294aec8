package org.lenetlab.augment;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Scales each channel's deviation from its mean by a factor drawn uniformly from
 * {@code [1 - maxChange, 1 + maxChange]} ({@code x' = mean + factor·(x - mean)}, as {@code tf.image.adjust_contrast}
 * and Keras' {@code RandomContrast} do), then clips to the value range (by default {@code [0, 1]}).
 */
public final class RandomContrast implements Augmentation {
    private final double maxChange;
    private final float min;
    private final float max;

    /** @param maxChange largest relative change of contrast, {@code 0 <= maxChange < 1} (0.2 is usual) */
    public RandomContrast(double maxChange) {
        this(maxChange, 0, 1);
    }

    /**
     * @param maxChange largest relative change of contrast, {@code 0 <= maxChange < 1}
     * @param min       lowest value kept
     * @param max       highest value kept
     * @throws IllegalArgumentException if out of range or the range is empty
     */
    public RandomContrast(double maxChange, double min, double max) {
        if (!(maxChange >= 0 && maxChange < 1)) {
            throw new IllegalArgumentException("the contrast change must be at least 0 and below 1 (0.2 means "
                    + "factors from 0.8 to 1.2), got " + maxChange);
        }
        Contrasts.checkRange(min, max);
        this.maxChange = maxChange;
        this.min = (float) min;
        this.max = (float) max;
    }

    /** @return the largest relative change of contrast */
    public double maxChange() {
        return maxChange;
    }

    @Override
    public void apply(float[] image, int channels, int height, int width, SplittableRandom random) {
        Augmentation.checkShape(image, channels, height, width);
        double factor = maxChange == 0 ? 1 : random.nextDouble(1 - maxChange, 1 + maxChange);
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                sum += image[i];
            }
            double mean = sum / plane;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                float v = (float) (mean + factor * (image[i] - mean));
                image[i] = Math.min(max, Math.max(min, v));
            }
        }
    }

    /** @return e.g. {@code contrast ±20 %} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "contrast ±%s %%", Numbers.format(maxChange * 100));
    }
}
