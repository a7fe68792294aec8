package org.lenetlab.train;

import org.lenetlab.backend.NativeMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The largest weight magnitude of a network, which the {@link DivergenceGuard} checks after every batch. ND4J's
 * {@code amax} op costs about 0.15 ms a call for LeNet-5's 61,706 parameters, almost all of it the op's machinery
 * (about 3 % of a training step); single-precision parameters in one piece are read here in one bulk copy and
 * scanned in Java instead.
 */
final class LargestWeight {
    private float[] values = new float[0];

    /**
     * @param params a network's parameters
     * @return {@code max |w|}, NaN if any parameter is NaN, 0 when there are none
     */
    double of(INDArray params) {
        long length = params == null ? 0 : params.length();
        if (length == 0) {
            return 0;
        }
        if (params.dataType() != DataType.FLOAT || params.elementWiseStride() != 1 || length > Integer.MAX_VALUE) {
            return params.amaxNumber().doubleValue();
        }
        int n = (int) length;
        if (values.length < n) {
            values = new float[n];
        }
        NativeMemory.floats(params).get(0, values, 0, n);
        float max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(values[i])); // Math.max keeps a NaN
        }
        return max;
    }
}
