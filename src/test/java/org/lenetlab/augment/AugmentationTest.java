package org.lenetlab.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The augmentations one by one and chained: determinism (same generator state, same image), what each does to
 * pixels, staying in range, grayscale and RGB, the chain's fusion of geometric steps, and bad parameters.
 */
class AugmentationTest {
    private static final int H = 28;
    private static final int W = 28;

    /** A grey 28×28 "digit": a bright off-centre blob on black, values in [0, 1]. */
    static float[] blob(int channels) {
        float[] img = new float[channels * H * W];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double d2 = (x - 11) * (x - 11) + (y - 13) * (y - 13) * 0.5;
                    img[c * H * W + y * W + x] = (float) Math.max(0, 1 - d2 / 40.0) * (c + 1) / channels;
                }
            }
        }
        return img;
    }

    private static float[] apply(Augmentation a, float[] image, int channels, long seed) {
        float[] copy = image.clone();
        a.apply(copy, channels, H, W, new SplittableRandom(seed));
        return copy;
    }

    private static double centroidX(float[] img) {
        double sum = 0;
        double mass = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                sum += x * img[y * W + x];
                mass += img[y * W + x];
            }
        }
        return sum / mass;
    }

    private static double mass(float[] img) {
        double s = 0;
        for (float v : img) {
            s += v;
        }
        return s;
    }

    private static List<Augmentation> all() {
        return List.of(new RandomRotation(15), new RandomZoom(0.2), new RandomTranslation(0.15),
                RandomFlip.horizontal(), RandomFlip.vertical(), new RandomBrightness(0.2), new RandomContrast(0.3),
                ElasticDistortion.simard(), AugmentationChain.digits(), AugmentationChain.photos());
    }

    @Test
    void sameSeedSameImageOtherSeedOtherImage() {
        float[] img = blob(1);
        for (Augmentation a : all()) {
            assertArrayEquals(apply(a, img, 1, 7), apply(a, img, 1, 7), a.toString());
            boolean differs = false;
            for (long seed = 8; seed < 12 && !differs; seed++) {
                differs = !java.util.Arrays.equals(apply(a, img, 1, 7), apply(a, img, 1, seed));
            }
            assertTrue(differs, a + " gives different images for different seeds");
        }
    }

    @Test
    void everyAugmentationKeepsValuesInRangeForGrayAndRgb() {
        for (int channels : new int[] {1, 3}) {
            float[] img = blob(channels);
            for (Augmentation a : all()) {
                for (long seed = 0; seed < 20; seed++) {
                    float[] out = apply(a, img, channels, seed);
                    assertEquals(img.length, out.length);
                    for (float v : out) {
                        assertTrue(v >= 0f && v <= 1f, a + " produced " + v + " with " + channels + " channels");
                    }
                }
            }
        }
    }

    @Test
    void flipsMirrorExactlyAndEveryChannel() {
        float[] img = blob(3);
        float[] flipped = apply(RandomFlip.horizontal(1.0), img, 3, 1);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    assertEquals(img[c * H * W + y * W + x], flipped[c * H * W + y * W + (W - 1 - x)], 0f);
                }
            }
        }
        float[] upsideDown = apply(RandomFlip.vertical(1.0), img, 3, 1);
        assertEquals(img[5 * W + 3], upsideDown[(H - 1 - 5) * W + 3], 0f);
        assertArrayEquals(img, apply(RandomFlip.horizontal(0.0), img, 3, 1), 0f);
    }

    @Test
    void geometryMovesTheContentAsAsked() {
        float[] img = blob(1);
        assertArrayEquals(img, apply(new RandomRotation(0), img, 1, 3), 0f);
        assertArrayEquals(img, apply(AugmentationChain.none(), img, 1, 3), 0f);
        // translation moves the centroid by the drawn shift
        double before = centroidX(img);
        SplittableRandom r = new SplittableRandom(4);
        double dx = r.nextDouble(-0.15, 0.15) * W;
        double after = centroidX(apply(new RandomTranslation(0.15), img, 1, 4));
        assertEquals(before + dx, after, 0.3);
        // zooming in enlarges the bright area, zooming out shrinks it
        double zoomSeedFactor = new SplittableRandom(9).nextDouble(0.7, 1.3);
        double zoomed = mass(apply(new RandomZoom(0.3), img, 1, 9));
        assertEquals(mass(img) * zoomSeedFactor * zoomSeedFactor, zoomed, 0.06 * mass(img) * zoomSeedFactor
                * zoomSeedFactor);
        // a rotation keeps the mass of a blob well inside the frame
        assertEquals(mass(img), mass(apply(new RandomRotation(30), img, 1, 2)), 0.03 * mass(img));
    }

    @Test
    void brightnessAndContrastChangeValuesNotPositions() {
        float[] img = blob(1);
        float[] brighter = apply(new RandomBrightness(0.3), img, 1, 5);
        double delta = (float) new SplittableRandom(5).nextDouble(-0.3, 0.3);
        for (int i = 0; i < img.length; i++) {
            assertEquals(Math.min(1, Math.max(0, img[i] + delta)), brighter[i], 1e-6);
        }
        float[] contrast = apply(new RandomContrast(0.5, -10, 10), img, 1, 6);
        double factor = new SplittableRandom(6).nextDouble(0.5, 1.5);
        double mean = mass(img) / img.length;
        assertEquals(mean + factor * (img[13 * W + 11] - mean), contrast[13 * W + 11], 1e-5);
        assertEquals(mean, mass(contrast) / img.length, 1e-5, "contrast keeps the mean when nothing is clipped");
    }

    @Test
    void elasticDistortionMovesPixelsAndStaysInRange() {
        float[] img = blob(1);
        ElasticDistortion elastic = ElasticDistortion.simard();
        float[] out = apply(elastic, img, 1, 12);
        double changed = 0;
        for (int i = 0; i < img.length; i++) {
            changed += Math.abs(out[i] - img[i]);
        }
        assertTrue(changed > 5, "an alpha=34, sigma=4 distortion moves visibly, total change " + changed);
        assertEquals(mass(img), mass(out), 0.25 * mass(img), "but keeps most of the stroke");
        assertArrayEquals(img, apply(new ElasticDistortion(0, 4), img, 1, 12), 0f);
        // rougher fields (small sigma) move pixels less coherently than smooth ones: both still in range
        for (float v : apply(new ElasticDistortion(8, 1), img, 1, 3)) {
            assertTrue(v >= 0 && v <= 1);
        }
        assertEquals("elastic alpha=34 sigma=4", elastic.toString());
    }

    @Test
    void chainFusesGeometryIntoOneResampling() {
        float[] img = blob(1);
        // flips resample exactly, so fused and step-by-step application must agree to the bit
        AugmentationChain flips = AugmentationChain.of(RandomFlip.horizontal(), RandomFlip.vertical());
        for (long seed = 0; seed < 8; seed++) {
            float[] fused = apply(flips, img, 1, seed);
            float[] stepwise = img.clone();
            SplittableRandom r = new SplittableRandom(seed);
            RandomFlip.horizontal().apply(stepwise, 1, H, W, r);
            RandomFlip.vertical().apply(stepwise, 1, H, W, r);
            assertArrayEquals(stepwise, fused, 0f);
        }
        // rotation then translation: fused result close to step-by-step (which blurs twice)
        AugmentationChain geo = AugmentationChain.of(new RandomRotation(20), new RandomTranslation(0.1));
        float[] fused = apply(geo, img, 1, 3);
        float[] stepwise = img.clone();
        SplittableRandom r = new SplittableRandom(3);
        new RandomRotation(20).apply(stepwise, 1, H, W, r);
        new RandomTranslation(0.1).apply(stepwise, 1, H, W, r);
        assertEquals(centroidX(stepwise), centroidX(fused), 0.05);
        assertEquals("rotation ±20° → translation ±10 %", geo.toString());
        assertEquals(4, geo.then(flips).steps().size(), "nested chains are flattened");
    }

    @Test
    void defaultsDoNotFlipDigits() {
        assertEquals("rotation ±10° → zoom ±10 % → translation ±10 %", AugmentationChain.digits().toString());
        assertFalse(AugmentationChain.digits().steps().stream().anyMatch(s -> s instanceof RandomFlip));
        assertTrue(AugmentationChain.photos().steps().get(0) instanceof RandomFlip);
        assertEquals("none", AugmentationChain.none().toString());
    }

    @Test
    void perImageGeneratorDependsOnSeedEpochAndImageOnly() {
        assertEquals(Augmentation.random(1, 2, 3).nextLong(), Augmentation.random(1, 2, 3).nextLong());
        long base = Augmentation.random(1, 2, 3).nextLong();
        assertFalse(base == Augmentation.random(2, 2, 3).nextLong());
        assertFalse(base == Augmentation.random(1, 3, 3).nextLong());
        assertFalse(base == Augmentation.random(1, 2, 4).nextLong());
    }

    @Test
    void badParametersAndShapesAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RandomRotation(-1)).getMessage()
                .contains("-1"));
        assertThrows(IllegalArgumentException.class, () -> new RandomRotation(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new RandomZoom(1));
        assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(-0.1));
        assertThrows(IllegalArgumentException.class, () -> RandomFlip.horizontal(1.5));
        assertThrows(IllegalArgumentException.class, () -> new RandomBrightness(0.1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomContrast(1.2));
        assertThrows(IllegalArgumentException.class, () -> new ElasticDistortion(34, 0));
        assertThrows(IllegalArgumentException.class, () -> new ElasticDistortion(-1, 4));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new RandomRotation(10).apply(new float[10], 1, 28, 28, new SplittableRandom(1)));
        assertTrue(shape.getMessage().contains("10 values") && shape.getMessage().contains("784"),
                shape.getMessage());
        assertThrows(NullPointerException.class, () -> AugmentationChain.of(new RandomZoom(0.1), null));
    }
}
