package org.lenetlab.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NativeMemoryTest {
    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void aViewStartsAtTheArraysFirstElementWhereNd4jsNioViewDoesNot() {
        INDArray all = Nd4j.createFromArray(100f, 1f, -3f, 2f, 50f);
        INDArray middle = all.get(NDArrayIndex.interval(1, 4));
        assertEquals(100f, middle.data().asNioFloat().get(0), "ND4J's view starts at the whole buffer");

        FloatBuffer view = NativeMemory.floats(middle);
        assertEquals(3, view.capacity());
        assertEquals(1f, view.get(0));
        assertEquals(2f, view.get(2));
        view.put(1, 7f);
        assertEquals(7f, all.getFloat(2), "writes reach the array");
    }

    @Test
    void readsDoublesAndRows() {
        INDArray matrix = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        DoubleBuffer row = NativeMemory.doubles(matrix.getRow(1));
        assertEquals(3, row.capacity());
        assertEquals(4.0, row.get(0));
        assertEquals(6.0, row.get(2));
    }
}
