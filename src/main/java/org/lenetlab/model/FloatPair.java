package org.lenetlab.model;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The values of two single-precision arrays of the same length read in bulk into reusable Java arrays, for an
 * element-wise loop in Java whose result goes back into the first ({@link FastStep}, {@link SplitBatchStep}): one
 * copy each way instead of an ND4J op's machinery. Not thread-safe.
 */
final class FloatPair {
    /** The first array's values after {@link #read}; the caller overwrites them with the result. */
    float[] first = new float[0];
    /** The second array's values after {@link #read}. */
    float[] second = new float[0];
    private FloatBuffer target;
    private int length;

    /**
     * Reads both arrays when they are single precision, in one piece and of the same length, at most {@code limit}.
     *
     * @return whether they were read (otherwise the caller computes with ND4J)
     */
    boolean read(INDArray a, INDArray b, int limit) {
        long n = a.length();
        if (a.dataType() != DataType.FLOAT || b.dataType() != DataType.FLOAT || b.length() != n || n > limit
                || !Precision.isRowMajor(a) || !Precision.isRowMajor(b)) {
            return false;
        }
        length = (int) n;
        if (first.length < length) {
            first = new float[length];
            second = new float[length];
        }
        target = (FloatBuffer) Precision.FLOAT.view(a);
        target.get(0, first, 0, length);
        ((FloatBuffer) Precision.FLOAT.view(b)).get(0, second, 0, length);
        return true;
    }

    /** @return how many values the last {@link #read} read */
    int length() {
        return length;
    }

    /** Writes {@link #first} back into the first array of the last {@link #read}. */
    void writeFirst() {
        target.put(0, first, 0, length);
        target = null;
    }
}
