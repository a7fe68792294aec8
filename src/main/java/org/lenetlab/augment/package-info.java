/**
 * Data augmentation on the fly: random rotation, zoom, translation, flips, brightness and contrast, and the
 * elastic distortions of Simard, Steinkraus and Platt (2003), applied to one channels-first image at a time inside
 * the data pipeline (the {@link org.lenetlab.data.BatchIterator}'s prefetch thread), never stored.
 *
 * <p>Every {@link org.lenetlab.augment.Augmentation} draws its random parameters from the
 * {@link java.util.SplittableRandom} it is given, so the same seed gives the same images; the batch iterator
 * seeds one generator per (seed, epoch, image), so a resumed run sees exactly the images an uninterrupted one
 * would. An {@link org.lenetlab.augment.AugmentationChain} composes augmentations and fuses consecutive geometric
 * ones into a single resampling; {@link org.lenetlab.augment.AugmentationPreview} draws originals above augmented
 * copies for a notebook.
 */
package org.lenetlab.augment;
