package org.lenetlab.augment;

import java.awt.geom.AffineTransform;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Mirrors the image left–right ({@link #horizontal()}) or top–bottom ({@link #vertical()}) with a given
 * probability. Never use it for digits or letters (a mirrored 2 is not a 2); it suits photos and most clothing.
 * The mirrored values are exact copies: resampling at whole pixels does not blur.
 */
public final class RandomFlip implements GeometricAugmentation {
    private final boolean horizontal;
    private final double probability;

    private RandomFlip(boolean horizontal, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("the flip probability must be between 0 and 1 (0.5 is usual), got "
                    + probability);
        }
        this.horizontal = horizontal;
        this.probability = probability;
    }

    /** @return a left–right mirror with probability 0.5 */
    public static RandomFlip horizontal() {
        return horizontal(0.5);
    }

    /**
     * @param probability chance of mirroring an image, 0 to 1
     * @return a left–right mirror with that probability
     */
    public static RandomFlip horizontal(double probability) {
        return new RandomFlip(true, probability);
    }

    /** @return a top–bottom mirror with probability 0.5 */
    public static RandomFlip vertical() {
        return vertical(0.5);
    }

    /**
     * @param probability chance of mirroring an image, 0 to 1
     * @return a top–bottom mirror with that probability
     */
    public static RandomFlip vertical(double probability) {
        return new RandomFlip(false, probability);
    }

    /** @return true for left–right, false for top–bottom */
    public boolean isHorizontal() {
        return horizontal;
    }

    /** @return the chance of mirroring an image */
    public double probability() {
        return probability;
    }

    @Override
    public AffineTransform sample(int height, int width, SplittableRandom random) {
        // Always draw, so that later augmentations see the same random stream whatever the outcome.
        boolean flip = random.nextDouble() < probability;
        if (!flip) {
            return new AffineTransform();
        }
        return horizontal ? new AffineTransform(-1, 0, 0, 1, width - 1, 0)
                : new AffineTransform(1, 0, 0, -1, 0, height - 1);
    }

    /** @return e.g. {@code horizontal flip p=0.5} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s flip p=%s", horizontal ? "horizontal" : "vertical",
                Numbers.format(probability));
    }
}
