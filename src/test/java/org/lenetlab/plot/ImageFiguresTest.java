package org.lenetlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Mnist;
import org.lenetlab.data.Split;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.model.LeNet5;

/** Sample grids and feature maps: real digits and a real (untrained, seeded) LeNet-5. */
class ImageFiguresTest {
    private static ImageDataset digits;
    private static MultiLayerNetwork lenet;
    private static ClassificationEvaluation evaluation;

    @BeforeAll
    static void setUp() throws java.io.IOException {
        Backend.configure();
        digits = Mnist.sample(Split.TEST).head(64);
        lenet = LeNet5.builder().seed(7).build().network();
        evaluation = new Evaluator().evaluate(lenet, digits);
    }

    @Test
    void sampleGridShowsTheDigits() {
        SampleGrid grid = SampleGrid.first(digits, 12);
        BufferedImage image = grid.toBufferedImage();
        double inked = Pixels.inkedFraction(image);
        assertTrue(inked > 0.2, "twelve black MNIST tiles cover much of the figure: " + inked);
        assertEquals("Samples from " + digits.name(), grid.title());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleGrid.first(digits, 65));
        assertTrue(e.getMessage().contains("65") && e.getMessage().contains("64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.of(digits, new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> SampleGrid.of(digits, new int[0]));
    }

    @Test
    void mistakesAreCaptionedInRed() {
        // an untrained network gets most digits wrong
        assertTrue(evaluation.correctCount() < digits.size());
        SampleGrid mistakes = SampleGrid.mostConfidentMistakes(digits, evaluation, 8);
        assertTrue(Pixels.hasRed(mistakes.toBufferedImage()), "wrong predictions are red");
        int[] allRight = digits.labels();
        ClassificationEvaluation perfect = ClassificationEvaluation.of(allRight, allRight, digits.classNames());
        assertFalse(Pixels.hasRed(SampleGrid.predictions(digits, perfect, new int[] {0, 1, 2}).toBufferedImage()));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> SampleGrid.mostConfidentMistakes(digits, perfectProbabilities(), 5));
        assertTrue(none.getMessage().contains("no mistake"), none.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> SampleGrid.predictions(digits.head(10), evaluation, new int[] {0}));
        assertTrue(other.getMessage().contains("not of"), other.getMessage());
    }

    private static ClassificationEvaluation perfectProbabilities() {
        float[][] p = new float[digits.size()][10];
        for (int i = 0; i < p.length; i++) {
            p[i][digits.label(i)] = 1f;
        }
        return ClassificationEvaluation.of(digits.labels(), p, digits.classNames());
    }

    @Test
    void featureMapsOfC1AreSixMapsOf28By28() {
        assertEquals(List.of("1 C1 (FastConvolution)", "2 S2 (FastSubsampling)", "3 C3 (FastConvolution)",
                "4 S4 (FastSubsampling)", "5 C5 (FastConvolution)"), FeatureMaps.featureMapLayers(lenet));
        FeatureMaps maps = FeatureMaps.activations(lenet, "C1", digits, 0);
        assertEquals(28, maps.tileHeight());
        assertEquals(28, maps.tileWidth());
        assertTrue(maps.title().contains("C1"));
        assertTrue(Pixels.colours(maps.toBufferedImage()) > 50, "viridis maps are colourful");
        FeatureMaps filters = FeatureMaps.filters(lenet, "C3");
        assertEquals(5, filters.tileHeight());
        assertTrue(Pixels.inkedFraction(filters.toBufferedImage()) > 0.1);
    }

    @Test
    void badLayersAreExplained() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> FeatureMaps.activations(lenet, "conv9", digits, 0));
        assertTrue(name.getMessage().contains("no layer named 'conv9'") && name.getMessage().contains("C1"),
                name.getMessage());
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                () -> FeatureMaps.activations(lenet, "F6", digits, 0));
        assertTrue(dense.getMessage().contains("not feature maps"), dense.getMessage());
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> FeatureMaps.filters(lenet, "S2"));
        assertTrue(pool.getMessage().contains("not a convolution"), pool.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureMaps.activations(lenet, 1, digits, 64));
        assertThrows(IllegalArgumentException.class, () -> FeatureMaps.filters(lenet, 99));
    }
}
