package org.lenetlab.augment;

import java.util.SplittableRandom;

/**
 * A random transformation of one image, channels first ({@code channels × height × width} floats, grayscale or
 * RGB), applied in place. The label is not touched: an augmentation must keep the image a member of its class.
 *
 * <p>All randomness comes from the generator passed in, so the same generator state gives the same image.
 * Implementations are immutable and safe to use from several threads at once.
 */
public interface Augmentation {

    /**
     * Transforms {@code image} in place.
     *
     * @param image    {@code channels × height × width} values, channels first
     * @param channels 1 (grayscale) or 3 (RGB); any positive count works
     * @param height   rows
     * @param width    columns
     * @param random   source of this image's random parameters
     * @throws IllegalArgumentException if {@code image.length != channels × height × width}
     */
    void apply(float[] image, int channels, int height, int width, SplittableRandom random);

    /**
     * @param next the augmentation applied after this one
     * @return a chain of this augmentation, then {@code next}
     */
    default AugmentationChain then(Augmentation next) {
        return AugmentationChain.of(this, next);
    }

    /**
     * The generator the {@link org.lenetlab.data.BatchIterator} uses for one image: it depends only on the run's
     * seed, the epoch and the image's index in the dataset, never on the order or thread in which images are
     * processed. A re-run or a resumed run therefore sees identical images.
     *
     * @param seed  the run's seed
     * @param epoch epoch, from 0
     * @param image index of the image in its dataset
     * @return a fresh generator for that image
     */
    static SplittableRandom random(long seed, int epoch, int image) {
        long h = mix(seed ^ 0x5DEECE66DL);
        h = mix(h + epoch);
        h = mix(h + image);
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Checks the image array against its stated shape.
     *
     * @param image    the pixels
     * @param channels channels
     * @param height   rows
     * @param width    columns
     * @throws IllegalArgumentException naming the mismatch
     */
    static void checkShape(float[] image, int channels, int height, int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape " + channels + "×" + height + "×" + width
                    + " is not valid: channels, height and width must be positive");
        }
        if (image.length != channels * height * width) {
            throw new IllegalArgumentException("the image has " + image.length + " values but its shape "
                    + channels + "×" + height + "×" + width + " needs " + channels * height * width
                    + " (channels first)");
        }
    }
}
