package org.lenetlab.augment;

import java.awt.geom.AffineTransform;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Scales the image about its centre by a factor drawn uniformly from {@code [1 - maxChange, 1 + maxChange]}:
 * above 1 the content grows (zoom in), below 1 it shrinks (zoom out). Width and height scale alike, so shapes
 * keep their proportions.
 */
public final class RandomZoom implements GeometricAugmentation {
    private final double maxChange;

    /**
     * @param maxChange largest relative change of size, {@code 0 <= maxChange < 1} (digits: about 0.1)
     * @throws IllegalArgumentException if out of range
     */
    public RandomZoom(double maxChange) {
        if (!(maxChange >= 0 && maxChange < 1)) {
            throw new IllegalArgumentException("the zoom range must be at least 0 and below 1 (0.1 means sizes "
                    + "from 90 % to 110 %), got " + maxChange);
        }
        this.maxChange = maxChange;
    }

    /** @return the largest relative change of size */
    public double maxChange() {
        return maxChange;
    }

    @Override
    public AffineTransform sample(int height, int width, SplittableRandom random) {
        double factor = maxChange == 0 ? 1 : random.nextDouble(1 - maxChange, 1 + maxChange);
        return GeometricAugmentation.aboutCentre(height, width, AffineTransform.getScaleInstance(factor, factor));
    }

    /** @return e.g. {@code zoom ±10 %} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "zoom ±%s %%", Numbers.format(maxChange * 100));
    }
}
