package org.lenetlab.exercises.layers;

import org.lenetlab.grading.NotImplementedYet;

/** Output sizes and parameter counts of convolution, pooling and dense layers. Exercise 01: fill in each method. */
public final class LayerArithmetic {
    private LayerArithmetic() {
    }

    /** @return floor((in + 2·padding − kernel) / stride) + 1; IllegalArgumentException if it would be below 1 */
    public static int convOutputSize(int in, int kernel, int stride, int padding) {
        throw new NotImplementedYet("LayerArithmetic.convOutputSize: return floor((in + 2*padding - kernel) / stride) + 1");
    }

    /** @return floor((in − window) / stride) + 1; IllegalArgumentException if it would be below 1 */
    public static int poolOutputSize(int in, int window, int stride) {
        throw new NotImplementedYet("LayerArithmetic.poolOutputSize: return floor((in - window) / stride) + 1");
    }

    /** @return kernel·kernel·inChannels·filters weights + filters biases */
    public static long convParameters(int inChannels, int filters, int kernel) {
        throw new NotImplementedYet("LayerArithmetic.convParameters: weights per filter times filters, plus biases");
    }

    /** @return inputs·outputs weights + outputs biases */
    public static long denseParameters(int inputs, int outputs) {
        throw new NotImplementedYet("LayerArithmetic.denseParameters: one weight per input-output pair, plus biases");
    }
}
