package org.lenetlab.augment;

import java.awt.geom.AffineTransform;
import java.util.SplittableRandom;

/**
 * An augmentation that moves pixels by an affine map (rotation, zoom, translation, flip). Its random part is
 * {@link #sample}: the forward map in pixel coordinates ({@code x} = column, {@code y} = row, pixel centres at
 * integers). The image is then resampled bilinearly; places that come from outside the image take the value of
 * the nearest edge pixel (Keras' {@code fill_mode="nearest"}; for digits on a black background that is black).
 *
 * <p>An {@link AugmentationChain} multiplies the maps of consecutive geometric augmentations and resamples once,
 * which is faster and blurs less than resampling after each.
 */
public interface GeometricAugmentation extends Augmentation {

    /**
     * Draws this image's transformation.
     *
     * @param height image rows
     * @param width  image columns
     * @param random the image's generator
     * @return the forward map from input to output pixel coordinates
     */
    AffineTransform sample(int height, int width, SplittableRandom random);

    @Override
    default void apply(float[] image, int channels, int height, int width, SplittableRandom random) {
        Augmentation.checkShape(image, channels, height, width);
        Resampler.affine(image, channels, height, width, sample(height, width, random));
    }

    /**
     * @param height rows
     * @param width  columns
     * @param about  a rotation or scaling about the origin
     * @return a map that applies {@code about} (a rotation or scaling about the origin) about the image centre
     */
    static AffineTransform aboutCentre(int height, int width, AffineTransform about) {
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        AffineTransform t = AffineTransform.getTranslateInstance(cx, cy);
        t.concatenate(about);
        t.translate(-cx, -cy);
        return t;
    }
}
