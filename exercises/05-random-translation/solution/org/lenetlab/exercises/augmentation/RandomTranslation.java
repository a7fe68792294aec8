package org.lenetlab.exercises.augmentation;

import java.util.Random;

/** Random-translation augmentation of a single-channel image. Reference solution of exercise 05. */
public final class RandomTranslation {
    private RandomTranslation() {
    }

    /** @return a shifted copy: input (r, c) lands at (r + dy, c + dx), uncovered pixels are 0 */
    public static float[][] shift(float[][] image, int dy, int dx) {
        if (image == null || image.length == 0 || image[0].length == 0) {
            throw new IllegalArgumentException("the image is empty");
        }
        int rows = image.length;
        int cols = image[0].length;
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            if (image[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + image[r].length + " pixels, row 0 has " + cols);
            }
            int target = r + dy;
            if (target < 0 || target >= rows) {
                continue;
            }
            for (int c = 0; c < cols; c++) {
                int tc = c + dx;
                if (tc >= 0 && tc < cols) {
                    out[target][tc] = image[r][c];
                }
            }
        }
        return out;
    }

    /** @return shift(image, dy, dx) with dy then dx drawn from new Random(seed).nextInt(2 * maxShift + 1) - maxShift */
    public static float[][] random(float[][] image, int maxShift, long seed) {
        if (maxShift < 0) {
            throw new IllegalArgumentException("maxShift must be at least 0, got " + maxShift);
        }
        Random random = new Random(seed);
        int dy = random.nextInt(2 * maxShift + 1) - maxShift;
        int dx = random.nextInt(2 * maxShift + 1) - maxShift;
        return shift(image, dy, dx);
    }
}
