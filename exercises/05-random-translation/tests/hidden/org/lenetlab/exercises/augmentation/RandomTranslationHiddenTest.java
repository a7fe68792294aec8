package org.lenetlab.exercises.augmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lenetlab.grading.Points;

class RandomTranslationHiddenTest {

    @Test
    @Points(3)
    void everySeedMovesASinglePixelExactlyAsSpecified() {
        for (long seed = 0; seed < 200; seed++) {
            float[][] img = new float[28][20];
            img[13][9] = 1;
            Random r = new Random(seed);
            int dy = r.nextInt(7) - 3;
            int dx = r.nextInt(7) - 3;
            float[][] out = RandomTranslation.random(img, 3, seed);
            assertEquals(28, out.length);
            assertEquals(20, out[0].length);
            assertEquals(1f, out[13 + dy][9 + dx], "seed " + seed);
            float sum = 0;
            for (float[] row : out) {
                for (float v : row) {
                    sum += v;
                }
            }
            assertEquals(1f, sum, "seed " + seed + ": exactly one pixel must stay lit");
        }
    }

    @Test
    @Points(1)
    void raggedImagesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RandomTranslation.shift(new float[][] {{1, 2}, {3}}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> RandomTranslation.shift(new float[0][0], 0, 0));
    }
}
