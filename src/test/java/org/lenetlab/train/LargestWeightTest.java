package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class LargestWeightTest {
    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void equalsNd4jsAmax() {
        LargestWeight largest = new LargestWeight();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray params = Nd4j.rand(type, 1, 61_706).subi(0.5).muli(6);
            params.putScalar(0, 1, -7.25); // the largest magnitude is negative
            assertEquals(7.25, largest.of(params), 0, type.toString());
            assertEquals(params.amaxNumber().doubleValue(), largest.of(params), 0, type.toString());
        }
    }

    @Test
    void readsAViewFromItsOffsetAndSeesNaNAndInfinity() {
        LargestWeight largest = new LargestWeight();
        INDArray all = Nd4j.createFromArray(100f, 1f, -3f, 2f, 50f);
        INDArray middle = all.get(NDArrayIndex.interval(1, 4));
        assertEquals(3, largest.of(middle), 0);
        assertEquals(3, largest.of(middle.reshape(1, 3)), 0, "reused scratch, shorter or not");
        all.putScalar(2, Float.NaN);
        assertTrue(Double.isNaN(largest.of(middle)));
        all.putScalar(2, Float.NEGATIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, largest.of(middle));
        INDArray strided = Nd4j.createFromArray(new float[][] {{1, -9}, {4, 2}}).getColumn(0);
        assertEquals(4, largest.of(strided), 0, "a strided view");
        assertEquals(0, largest.of(null), 0);
        assertEquals(0, largest.of(Nd4j.empty(DataType.FLOAT)), 0);
    }
}
