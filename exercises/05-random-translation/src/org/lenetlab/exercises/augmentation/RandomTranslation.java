package org.lenetlab.exercises.augmentation;

import org.lenetlab.grading.NotImplementedYet;

/** Random-translation augmentation of a single-channel image. Exercise 05. */
public final class RandomTranslation {
    private RandomTranslation() {
    }

    /** @return a shifted copy: input (r, c) lands at (r + dy, c + dx), uncovered pixels are 0 */
    public static float[][] shift(float[][] image, int dy, int dx) {
        throw new NotImplementedYet("RandomTranslation.shift: copy pixel (r, c) to (r + dy, c + dx) when it stays inside");
    }

    /** @return shift(image, dy, dx) with dy then dx drawn from new Random(seed).nextInt(2 * maxShift + 1) - maxShift */
    public static float[][] random(float[][] image, int maxShift, long seed) {
        throw new NotImplementedYet("RandomTranslation.random: draw dy then dx from new Random(seed), then shift");
    }
}
