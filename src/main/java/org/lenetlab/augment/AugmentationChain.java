package org.lenetlab.augment;

import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.lenetlab.data.ImageDataset;

/**
 * Augmentations applied one after the other, each drawing its parameters from the same generator in turn.
 * Consecutive {@linkplain GeometricAugmentation geometric} steps are fused: their maps are multiplied and the image
 * is resampled once, so rotation, zoom and translation together cost (and blur) no more than one of them.
 *
 * <pre>{@code
 * AugmentationChain chain = AugmentationChain.of(new RandomRotation(10), new RandomZoom(0.1),
 *         new RandomTranslation(0.1), ElasticDistortion.simard());
 * TrainingConfig config = TrainingConfig.builder().augmentation(chain).build();
 * }</pre>
 */
public final class AugmentationChain implements Augmentation {
    private final List<Augmentation> steps;

    private AugmentationChain(List<Augmentation> steps) {
        List<Augmentation> flat = new ArrayList<>();
        for (Augmentation step : steps) {
            Objects.requireNonNull(step, "an augmentation of the chain is null");
            if (step instanceof AugmentationChain inner) {
                flat.addAll(inner.steps);
            } else {
                flat.add(step);
            }
        }
        this.steps = List.copyOf(flat);
    }

    /**
     * @param steps the augmentations, in the order applied
     * @return the chain
     */
    public static AugmentationChain of(Augmentation... steps) {
        return new AugmentationChain(List.of(steps));
    }

    /**
     * @param steps the augmentations, in the order applied
     * @return the chain
     */
    public static AugmentationChain of(List<? extends Augmentation> steps) {
        return new AugmentationChain(new ArrayList<>(steps));
    }

    /** @return a chain that leaves images unchanged */
    public static AugmentationChain none() {
        return new AugmentationChain(List.of());
    }

    /**
     * The chain for handwritten digits and other shapes whose mirror image is another class: rotation ±10°, zoom
     * ±10 %, translation ±10 % (the usual Keras tutorial settings), fused into one resampling. No flips.
     *
     * @return the digit chain
     */
    public static AugmentationChain digits() {
        return of(new RandomRotation(10), new RandomZoom(0.1), new RandomTranslation(0.1));
    }

    /**
     * The chain for photos (image folders): a left–right flip with probability 0.5, then the {@link #digits()}
     * geometry. Brightness and contrast are left out because they need the images' value range; add
     * {@link RandomBrightness} and {@link RandomContrast} when the pixels are in {@code [0, 1]}.
     *
     * @return the photo chain
     */
    public static AugmentationChain photos() {
        return of(RandomFlip.horizontal(), new RandomRotation(10), new RandomZoom(0.1), new RandomTranslation(0.1));
    }

    /**
     * The default chain for a dataset: {@link #photos()} for colour images, {@link #digits()} for grayscale ones
     * (MNIST digits must not be mirrored; flipping Fashion-MNIST is harmless but is left to the user).
     *
     * @param dataset the training images
     * @return the default chain for them
     */
    public static AugmentationChain defaultFor(ImageDataset dataset) {
        return dataset.channels() >= 3 ? photos() : digits();
    }

    /** @return the augmentations in order */
    public List<Augmentation> steps() {
        return steps;
    }

    /** @return whether the chain has no steps */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    @Override
    public AugmentationChain then(Augmentation next) {
        List<Augmentation> more = new ArrayList<>(steps);
        more.add(next);
        return new AugmentationChain(more);
    }

    @Override
    public void apply(float[] image, int channels, int height, int width, SplittableRandom random) {
        Augmentation.checkShape(image, channels, height, width);
        AffineTransform pending = null;
        for (Augmentation step : steps) {
            if (step instanceof GeometricAugmentation g) {
                AffineTransform t = g.sample(height, width, random);
                if (pending == null) {
                    pending = t;
                } else {
                    t.concatenate(pending); // later step after earlier: T_new ∘ T_pending
                    pending = t;
                }
            } else {
                if (pending != null) {
                    Resampler.affine(image, channels, height, width, pending);
                    pending = null;
                }
                step.apply(image, channels, height, width, random);
            }
        }
        if (pending != null) {
            Resampler.affine(image, channels, height, width, pending);
        }
    }

    /**
     * Image {@code index} of {@code dataset} as the batch iterator would serve it in {@code epoch} of a run seeded
     * with {@code seed}.
     *
     * @param dataset the images
     * @param index   which image
     * @param seed    the run's seed
     * @param epoch   the epoch, from 0
     * @return a new array with the augmented image, channels first
     */
    public float[] augmented(ImageDataset dataset, int index, long seed, int epoch) {
        float[] image = dataset.image(index);
        apply(image, dataset.channels(), dataset.height(), dataset.width(), Augmentation.random(seed, epoch, index));
        return image;
    }

    /** @return the steps joined by arrows, e.g. {@code rotation ±10° → zoom ±10 % → translation ±10 %} */
    @Override
    public String toString() {
        return steps.isEmpty() ? "none" : steps.stream().map(Object::toString).collect(Collectors.joining(" → "));
    }
}
