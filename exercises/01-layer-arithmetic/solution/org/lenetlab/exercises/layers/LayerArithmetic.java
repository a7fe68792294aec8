package org.lenetlab.exercises.layers;

/** Output sizes and parameter counts of convolution, pooling and dense layers. Reference solution of exercise 01. */
public final class LayerArithmetic {
    private LayerArithmetic() {
    }

    /** @return floor((in + 2·padding − kernel) / stride) + 1; IllegalArgumentException if it would be below 1 */
    public static int convOutputSize(int in, int kernel, int stride, int padding) {
        requireAtLeast(1, in, "in");
        requireAtLeast(1, kernel, "kernel");
        requireAtLeast(1, stride, "stride");
        requireAtLeast(0, padding, "padding");
        int out = Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
        if (out < 1) {
            throw new IllegalArgumentException("a " + kernel + "-wide kernel does not fit an input of " + in
                    + " with padding " + padding);
        }
        return out;
    }

    /** @return floor((in − window) / stride) + 1; IllegalArgumentException if it would be below 1 */
    public static int poolOutputSize(int in, int window, int stride) {
        return convOutputSize(in, window, stride, 0);
    }

    /** @return kernel·kernel·inChannels·filters weights + filters biases */
    public static long convParameters(int inChannels, int filters, int kernel) {
        requireAtLeast(1, inChannels, "inChannels");
        requireAtLeast(1, filters, "filters");
        requireAtLeast(1, kernel, "kernel");
        return (long) kernel * kernel * inChannels * filters + filters;
    }

    /** @return inputs·outputs weights + outputs biases */
    public static long denseParameters(int inputs, int outputs) {
        requireAtLeast(1, inputs, "inputs");
        requireAtLeast(1, outputs, "outputs");
        return (long) inputs * outputs + outputs;
    }

    private static void requireAtLeast(int min, int value, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }
}
