package org.lenetlab.backend;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NIO views of an ND4J array's native memory, for code that reads or writes its values in bulk without an ND4J op.
 *
 * <p>ND4J's own {@code data().asNioFloat()} is not such a view for every array: for some views (an interval of an
 * array made by {@code Nd4j.createFromArray}, for one) it starts at the first element of the whole underlying
 * buffer, not of the view, while for others (the parameter views DL4J makes) it starts right. These views start at
 * the array's first element, as the native ops see it ({@code data().addressPointer()}).
 */
public final class NativeMemory {
    private NativeMemory() {
    }

    /**
     * @param array a single-precision array on the CPU whose {@code length()} values are contiguous (of any
     *              ordering) in its native memory
     * @return a view whose index 0 is the array's first element, {@code length()} values long
     */
    public static FloatBuffer floats(INDArray array) {
        return new FloatPointer(array.data().addressPointer()).capacity(array.length()).asBuffer();
    }

    /**
     * @param array a double-precision array on the CPU whose {@code length()} values are contiguous in its native
     *              memory
     * @return a view whose index 0 is the array's first element, {@code length()} values long
     */
    public static DoubleBuffer doubles(INDArray array) {
        return new DoublePointer(array.data().addressPointer()).capacity(array.length()).asBuffer();
    }
}
