package org.lenetlab.exercises.augmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lenetlab.grading.Hint;
import org.lenetlab.grading.Points;

class RandomTranslationTest {
    private static float[][] image() {
        return new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    }

    @Test
    @Points(2)
    @Hint("shift(image, 1, 0) moves every row down by one; the top row becomes 0 and the last row falls off.")
    void shiftDown() {
        float[][] out = RandomTranslation.shift(image(), 1, 0);
        assertArrayEquals(new float[] {0, 0, 0}, out[0], "row 0 of shift([[1,2,3],[4,5,6],[7,8,9]], dy=1, dx=0)");
        assertArrayEquals(new float[] {1, 2, 3}, out[1], "row 1");
        assertArrayEquals(new float[] {4, 5, 6}, out[2], "row 2");
    }

    @Test
    @Points(2)
    @Hint("A negative dx moves pixels left: pixel (r, c) goes to (r, c + dx).")
    void shiftLeftAndUp() {
        float[][] out = RandomTranslation.shift(image(), -1, -1);
        assertArrayEquals(new float[] {5, 6, 0}, out[0], "row 0 of shift([[1,2,3],[4,5,6],[7,8,9]], dy=-1, dx=-1)");
        assertArrayEquals(new float[] {8, 9, 0}, out[1], "row 1");
        assertArrayEquals(new float[] {0, 0, 0}, out[2], "row 2");
    }

    @Test
    @Points(1)
    @Hint("Work on a new array: the caller's image must stay as it was.")
    void inputIsNotModified() {
        float[][] in = image();
        RandomTranslation.shift(in, 1, 1);
        assertArrayEquals(image(), in, "the input of shift(image, 1, 1) was modified");
    }

    @Test
    @Points(2)
    @Hint("Draw dy first, then dx, both with nextInt(2 * maxShift + 1) - maxShift from one new Random(seed).")
    void randomIsRepeatableAndFollowsTheSeed() {
        java.util.Random r = new java.util.Random(7);
        int dy = r.nextInt(5) - 2;
        int dx = r.nextInt(5) - 2;
        float[][] big = new float[8][8];
        big[4][4] = 1;
        assertArrayEquals(RandomTranslation.shift(big, dy, dx), RandomTranslation.random(big, 2, 7),
                "random(image, maxShift=2, seed=7) should equal shift(image, " + dy + ", " + dx + ")");
        assertArrayEquals(RandomTranslation.random(big, 2, 7), RandomTranslation.random(big, 2, 7), "same seed, same image");
    }

    @Test
    @Points(1)
    @Hint("maxShift 0 means no shift at all; a negative maxShift is an error.")
    void zeroAndNegativeMaxShift() {
        assertArrayEquals(image(), RandomTranslation.random(image(), 0, 1), "random(image, maxShift=0, seed=1)");
        assertThrows(IllegalArgumentException.class, () -> RandomTranslation.random(image(), -1, 1), "maxShift=-1");
        assertEquals(3, RandomTranslation.shift(image(), 5, 5).length, "shifting everything out keeps the size");
    }
}
