package org.lenetlab.exercises.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lenetlab.grading.Hint;
import org.lenetlab.grading.Points;

class LayerArithmeticTest {

    @Test
    @Points(2)
    @Hint("32 - 5 + 1 = 28: a 5x5 kernel fits 28 times along 32 pixels when the stride is 1 and there is no padding.")
    void convolutionWithoutPadding() {
        assertEquals(28, LayerArithmetic.convOutputSize(32, 5, 1, 0), "convOutputSize(in=32, kernel=5, stride=1, padding=0)");
        assertEquals(10, LayerArithmetic.convOutputSize(14, 5, 1, 0), "convOutputSize(in=14, kernel=5, stride=1, padding=0)");
    }

    @Test
    @Points(2)
    @Hint("Padding adds p zeros on both sides: the input is in + 2p wide. Divide by the stride, rounding down.")
    void convolutionWithPaddingAndStride() {
        assertEquals(28, LayerArithmetic.convOutputSize(28, 5, 1, 2), "convOutputSize(in=28, kernel=5, stride=1, padding=2)");
        assertEquals(14, LayerArithmetic.convOutputSize(28, 3, 2, 1), "convOutputSize(in=28, kernel=3, stride=2, padding=1)");
    }

    @Test
    @Points(1)
    @Hint("Pooling a 28x28 map with 2x2 windows and stride 2 halves it.")
    void pooling() {
        assertEquals(14, LayerArithmetic.poolOutputSize(28, 2, 2), "poolOutputSize(in=28, window=2, stride=2)");
        assertEquals(2, LayerArithmetic.poolOutputSize(5, 3, 2), "poolOutputSize(in=5, window=3, stride=2)");
    }

    @Test
    @Points(2)
    @Hint("Each of the 6 filters of C1 has 5*5*1 weights and 1 bias.")
    void convolutionParameters() {
        assertEquals(156, LayerArithmetic.convParameters(1, 6, 5), "convParameters(inChannels=1, filters=6, kernel=5)");
        assertEquals(2416, LayerArithmetic.convParameters(6, 16, 5), "convParameters(inChannels=6, filters=16, kernel=5)");
    }

    @Test
    @Points(2)
    @Hint("F6 of LeNet-5 connects 120 inputs to 84 outputs: 120*84 weights and 84 biases.")
    void denseParameters() {
        assertEquals(10164, LayerArithmetic.denseParameters(120, 84), "denseParameters(inputs=120, outputs=84)");
        assertEquals(850, LayerArithmetic.denseParameters(84, 10), "denseParameters(inputs=84, outputs=10)");
    }

    @Test
    @Points(1)
    @Hint("Check the arguments first and throw IllegalArgumentException naming the bad value.")
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LayerArithmetic.convOutputSize(4, 5, 1, 0),
                "convOutputSize(in=4, kernel=5, stride=1, padding=0): the kernel does not fit");
        assertThrows(IllegalArgumentException.class, () -> LayerArithmetic.convOutputSize(28, 5, 0, 0),
                "convOutputSize(stride=0)");
        assertThrows(IllegalArgumentException.class, () -> LayerArithmetic.denseParameters(0, 10),
                "denseParameters(inputs=0)");
    }
}
