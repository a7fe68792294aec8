package org.lenetlab.augment;

/** Shared checks of the photometric augmentations. */
final class Contrasts {
    private Contrasts() {
    }

    static void checkRange(double min, double max) {
        if (!(min < max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("the value range [" + min + ", " + max + "] is empty or not finite: "
                    + "give the lowest and highest pixel values, e.g. 0 and 1");
        }
    }
}
