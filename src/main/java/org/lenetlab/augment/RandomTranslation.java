package org.lenetlab.augment;

import java.awt.geom.AffineTransform;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Shifts the image by up to a fraction of its size: horizontally by a number of pixels drawn uniformly from
 * {@code [-fraction·width, +fraction·width]}, vertically likewise with the height. Shifts may be fractional
 * (bilinear resampling).
 */
public final class RandomTranslation implements GeometricAugmentation {
    private final double maxFraction;

    /**
     * @param maxFraction largest shift as a fraction of the image size, {@code 0 <= maxFraction < 1} (digits:
     *                    about 0.1, i.e. ±2.8 pixels on 28×28)
     * @throws IllegalArgumentException if out of range
     */
    public RandomTranslation(double maxFraction) {
        if (!(maxFraction >= 0 && maxFraction < 1)) {
            throw new IllegalArgumentException("the largest shift must be a fraction of the image size, at least 0 "
                    + "and below 1 (0.1 is usual), got " + maxFraction);
        }
        this.maxFraction = maxFraction;
    }

    /** @return the largest shift as a fraction of the image size */
    public double maxFraction() {
        return maxFraction;
    }

    @Override
    public AffineTransform sample(int height, int width, SplittableRandom random) {
        if (maxFraction == 0) {
            return new AffineTransform();
        }
        double dx = random.nextDouble(-maxFraction, maxFraction) * width;
        double dy = random.nextDouble(-maxFraction, maxFraction) * height;
        return AffineTransform.getTranslateInstance(dx, dy);
    }

    /** @return e.g. {@code translation ±10 %} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "translation ±%s %%", Numbers.format(maxFraction * 100));
    }
}
