package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the tests of the fast layers compare with: labels, a network's gradients, values within a tolerance. */
final class LayerChecks {
    private LayerChecks() {
    }

    /** @return {@code rows} one-hot rows, row {@code r} of class {@code 7r mod classes} */
    static INDArray oneHot(int rows, int classes) {
        INDArray labels = Nd4j.zeros(rows, classes);
        for (int r = 0; r < rows; r++) {
            labels.putScalar(r, (r * 7) % classes, 1.0);
        }
        return labels;
    }

    /** @return a copy of the network's gradient for {@code x} and {@code y} */
    static Gradient gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Gradient copy = new DefaultGradient();
        net.gradient().gradientForVariable().forEach((k, v) -> copy.setGradientFor(k, v.dup()));
        return copy;
    }

    /** Asserts equal shapes and values within {@code tolerance} times the largest expected magnitude (at least 1). */
    static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        INDArray e = expected.castTo(DataType.DOUBLE);
        INDArray a = actual.castTo(DataType.DOUBLE);
        double scale = Math.max(1, e.amaxNumber().doubleValue());
        double diff = e.sub(a).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance * scale, what + ": largest difference " + diff + " (scale " + scale + ")");
    }

    /** Asserts that {@code actual} has each of {@code expected}'s gradients, within {@code tolerance}. */
    static void assertSameGradients(Gradient expected, Gradient actual, double tolerance, String what) {
        expected.gradientForVariable().forEach((name, values) ->
                assertClose(values, actual.getGradientFor(name), tolerance, what + ": gradient " + name));
    }

    /**
     * Makes {@link ConvThreads} hand parts to its helpers whenever there are threads for them, whatever the JIT
     * compiler is doing and whatever was measured, so that a test exercises the parallel path.
     *
     * @return undoes it when closed
     */
    static AutoCloseable helpersAlwaysUsed() {
        CompilerActivity compiler = ConvThreads.watchCompiler(new CompilerActivity(null, System::nanoTime, 1, false));
        ParallelChoice choice = ConvThreads.choose(ParallelChoice.fixed(true));
        return () -> {
            ConvThreads.watchCompiler(compiler);
            ConvThreads.choose(choice);
        };
    }
}
