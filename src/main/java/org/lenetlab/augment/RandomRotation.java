package org.lenetlab.augment;

import java.awt.geom.AffineTransform;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Rotates the image about its centre by an angle drawn uniformly from {@code [-maxDegrees, +maxDegrees]}. For
 * digits, ±10–15° keeps a 6 a 6 and a 9 a 9.
 */
public final class RandomRotation implements GeometricAugmentation {
    private final double maxDegrees;

    /**
     * @param maxDegrees largest rotation either way, {@code 0 <= maxDegrees <= 180}
     * @throws IllegalArgumentException if out of range
     */
    public RandomRotation(double maxDegrees) {
        if (!(maxDegrees >= 0 && maxDegrees <= 180)) {
            throw new IllegalArgumentException("the largest rotation must be between 0 and 180 degrees (digits: about "
                    + "10), got " + maxDegrees);
        }
        this.maxDegrees = maxDegrees;
    }

    /** @return the largest rotation either way, in degrees */
    public double maxDegrees() {
        return maxDegrees;
    }

    @Override
    public AffineTransform sample(int height, int width, SplittableRandom random) {
        double degrees = maxDegrees == 0 ? 0 : random.nextDouble(-maxDegrees, maxDegrees);
        return GeometricAugmentation.aboutCentre(height, width,
                AffineTransform.getRotateInstance(Math.toRadians(degrees)));
    }

    /** @return e.g. {@code rotation ±10°} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "rotation ±%s°", Numbers.format(maxDegrees));
    }
}
