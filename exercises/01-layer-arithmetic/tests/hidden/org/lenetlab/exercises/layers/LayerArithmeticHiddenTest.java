package org.lenetlab.exercises.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lenetlab.grading.Points;
import org.lenetlab.model.ShapeCalculator;

class LayerArithmeticHiddenTest {

    @Test
    @Points(3)
    void outputSizesAgreeWithTheLibraryOnRandomLayers() {
        Random random = new Random(6);
        for (int i = 0; i < 500; i++) {
            int kernel = 1 + random.nextInt(7);
            int stride = 1 + random.nextInt(4);
            int padding = random.nextInt(4);
            int in = kernel + random.nextInt(60);
            String call = "convOutputSize(" + in + ", " + kernel + ", " + stride + ", " + padding + ")";
            assertEquals(ShapeCalculator.outputSize(in, kernel, stride, padding),
                    LayerArithmetic.convOutputSize(in, kernel, stride, padding), call);
            assertEquals(ShapeCalculator.outputSize(in, kernel, stride, 0),
                    LayerArithmetic.poolOutputSize(in, kernel, stride), "poolOutputSize(" + in + ", " + kernel + ", " + stride + ")");
        }
    }

    @Test
    @Points(2)
    void largeLayersDoNotOverflow() {
        assertEquals(512L * 512 * 3 * 3 + 512, LayerArithmetic.convParameters(512, 512, 3));
        assertEquals(65_536L * 65_536 + 65_536, LayerArithmetic.denseParameters(65_536, 65_536));
    }

    @Test
    @Points(1)
    void negativePaddingAndZeroFiltersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LayerArithmetic.convOutputSize(28, 5, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> LayerArithmetic.convParameters(3, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> LayerArithmetic.poolOutputSize(1, 2, 2));
    }
}
