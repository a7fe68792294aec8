package org.lenetlab.augment;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Adds the same amount, drawn uniformly from {@code [-maxDelta, +maxDelta]}, to every value of the image, then
 * clips to the value range (by default {@code [0, 1]}, the range of LeNet Lab's unnormalised images).
 */
public final class RandomBrightness implements Augmentation {
    private final double maxDelta;
    private final float min;
    private final float max;

    /**
     * @param maxDelta largest change of brightness, {@code >= 0}, in pixel units (0.1 = a tenth of the range)
     */
    public RandomBrightness(double maxDelta) {
        this(maxDelta, 0, 1);
    }

    /**
     * @param maxDelta largest change of brightness, {@code >= 0}
     * @param min      lowest value kept (e.g. the normalised value of black)
     * @param max      highest value kept
     * @throws IllegalArgumentException if {@code maxDelta} is negative or the range is empty
     */
    public RandomBrightness(double maxDelta, double min, double max) {
        if (!(maxDelta >= 0) || Double.isInfinite(maxDelta)) {
            throw new IllegalArgumentException("the brightness change must be a finite number of at least 0 (0.1 is "
                    + "usual for images in [0, 1]), got " + maxDelta);
        }
        Contrasts.checkRange(min, max);
        this.maxDelta = maxDelta;
        this.min = (float) min;
        this.max = (float) max;
    }

    /** @return the largest change of brightness */
    public double maxDelta() {
        return maxDelta;
    }

    @Override
    public void apply(float[] image, int channels, int height, int width, SplittableRandom random) {
        Augmentation.checkShape(image, channels, height, width);
        float delta = maxDelta == 0 ? 0f : (float) random.nextDouble(-maxDelta, maxDelta);
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.min(max, Math.max(min, image[i] + delta));
        }
    }

    /** @return e.g. {@code brightness ±0.1} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "brightness ±%s", Numbers.format(maxDelta));
    }
}
