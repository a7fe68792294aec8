package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The DL4J-free calculator: the formula, each layer kind, and errors that say what to change. */
class ShapeCalculatorTest {

    @Test
    void theOutputSizeFormula() {
        assertEquals(28, ShapeCalculator.outputSize(32, 5, 1, 0), "32 - 5 + 1");
        assertEquals(14, ShapeCalculator.outputSize(28, 2, 2, 0));
        assertEquals(5, ShapeCalculator.outputSize(11, 2, 2, 0), "floor((11 - 2) / 2) + 1");
        assertEquals(28, ShapeCalculator.outputSize(28, 5, 1, 2), "padding 2 keeps 28");
        assertEquals(16, ShapeCalculator.outputSize(32, 3, 2, 1), "floor(31 / 2) + 1");
        assertEquals(0, ShapeCalculator.outputSize(4, 5, 1, 0), "window larger than the input");
        assertEquals(0, ShapeCalculator.outputSize(1, 2, 2, 0), "floor, not truncation toward zero");
        assertEquals(15, ShapeCalculator.sameOutputSize(29, 2), "ceil(29 / 2)");
        assertEquals(29, ShapeCalculator.sameOutputSize(29, 1));
        assertThrows(IllegalArgumentException.class, () -> ShapeCalculator.outputSize(10, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ShapeCalculator.outputSize(10, 3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ShapeCalculator.outputSize(10, 3, 1, -1));
    }

    @Test
    void lenet5ByHand() {
        ShapeCalculator lenet = ShapeCalculator.forImage(1, 28, 28)
                .zeroPad("pad", 2)
                .conv("C1", 6, 5)
                .avgPool("S2", 2, 2)
                .conv("C3", 16, 5)
                .avgPool("S4", 2, 2)
                .conv("C5", 120, 5)
                .flatten("flatten")
                .dense("F6", 84)
                .output("output", 10);
        List<LayerShape> rows = lenet.layers();
        assertEquals(List.of("(1, 32, 32)", "(6, 28, 28)", "(6, 14, 14)", "(16, 10, 10)", "(16, 5, 5)",
                "(120, 1, 1)", "(120)", "(84)", "(10)"), rows.stream().map(r -> r.output().toString()).toList());
        assertEquals(List.of(0L, 156L, 0L, 2_416L, 0L, 48_120L, 0L, 10_164L, 850L),
                rows.stream().map(LayerShape::params).toList());
        assertEquals(61_706, lenet.totalParams());
        assertEquals(0, lenet.nonTrainableParams());
        assertEquals(TensorShape.vector(10), lenet.output());
    }

    @Test
    void partialC3CountsOnlyItsConnections() {
        ShapeCalculator c3 = ShapeCalculator.forImage(6, 14, 14).partialConv("C3", ConnectionTable.lenet5C3(), 5);
        assertEquals(TensorShape.image(16, 10, 10), c3.output());
        assertEquals(1_516, c3.totalParams());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeCalculator.forImage(4, 14, 14).partialConv("C3", ConnectionTable.lenet5C3(), 5));
        assertTrue(e.getMessage().contains("reads 6 input maps but the input (4, 14, 14) has 4"), e.getMessage());
    }

    @Test
    void batchNormHasTwoTrainedAndTwoTrackedValuesPerChannel() {
        ShapeCalculator calc = ShapeCalculator.forImage(3, 8, 8).conv("c", 16, 3, 1, Padding.SAME).batchNorm("bn")
                .dense("d", 10).batchNorm("bn2");
        LayerShape bn = calc.layers().get(1);
        assertEquals(64, bn.params());
        assertEquals(32, bn.trainableParams());
        assertEquals(32, bn.nonTrainableParams());
        assertEquals(TensorShape.image(16, 8, 8), bn.output());
        assertEquals(40, calc.layers().get(3).params(), "4 per feature of a vector");
        assertEquals(32 + 20, calc.nonTrainableParams());
        assertEquals(16 * 8 * 8 * 10 + 10, calc.layers().get(2).params(), "dense flattens an image input");
    }

    @Test
    void samePaddingStridesDropoutAndZeroPadding() {
        ShapeCalculator calc = ShapeCalculator.forImage(3, 29, 29)
                .conv("c", 8, 3, 2, Padding.SAME)
                .dropout("d", 0.5)
                .add(new LayerSpec.ZeroPad("z", 1, 0, 2, 3))
                .add(new LayerSpec.Pool("p", LayerSpec.PoolType.MAX, 3, 2, 1, 2, Padding.explicit(1, 0)));
        assertEquals(TensorShape.image(8, 15, 15), calc.layers().get(0).output(), "ceil(29 / 2)");
        assertEquals(3 * 3 * 3 * 8 + 8, calc.layers().get(0).params());
        assertEquals(TensorShape.image(8, 15, 15), calc.layers().get(1).output());
        assertEquals(TensorShape.image(8, 16, 20), calc.layers().get(2).output());
        // height: floor((16 + 2 - 3) / 1) + 1 = 16; width: floor((20 - 2) / 2) + 1 = 10
        assertEquals(TensorShape.image(8, 16, 10), calc.output());
    }

    @Test
    void aWindowThatDoesNotFitNamesTheLayerAndWhatToChange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeCalculator.forImage(1, 12, 12).conv("conv1", 6, 5).maxPool("pool1", 2, 2)
                        .conv("conv2", 16, 5));
        assertEquals("Layer 'conv2' (Conv2D 16 filters 5×5, stride 1, valid): its 5-wide window does not fit the "
                + "input height 4, so the output height would be 0. Use a larger input image, 'same' padding, a "
                + "smaller window, or fewer pooling/convolution layers before this one.", e.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> ShapeCalculator.forImage(1, 12, 12).dense("d", 10).conv("late", 4, 3));
        assertTrue(flat.getMessage().contains("put it before the first Dense layer"), flat.getMessage());
    }

    @Test
    void layerAndShapeValidation() {
        assertThrows(IllegalArgumentException.class, () -> LayerSpec.Conv.of("c", 0, 3, 1, Padding.VALID));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Dropout("d", 1.0));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.ZeroPad("z", -1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TensorShape.image(0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new TensorShape(List.of(1, 2)));
        assertThrows(IllegalStateException.class, () -> TensorShape.vector(5).height());
        assertEquals(Padding.VALID, Padding.explicit(0, 0));
        assertEquals(Padding.SAME, Padding.parse("Same"));
        assertThrows(IllegalArgumentException.class, () -> Padding.parse("full"));
        assertThrows(IllegalArgumentException.class, () -> new Padding(Padding.Mode.SAME, 1, 1));
        assertFalse(TensorShape.vector(3).isImage());
        assertEquals("(84)", TensorShape.vector(84).toString());
    }

    @Test
    void printsASummaryWithoutDl4j() {
        String text = ShapeCalculator.forImage(1, 28, 28).conv("C1", 6, 5).output("out", 10).toString();
        assertTrue(text.contains("\n C1 (Conv2D)    (6, 24, 24)        156\n"), text);
        assertTrue(text.contains("\n out (Output)   (10)            34,570\n"), text);
        assertTrue(text.contains("Total params: 34,726"), text);
    }
}
