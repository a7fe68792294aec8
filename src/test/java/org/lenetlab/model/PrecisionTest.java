package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PrecisionTest {
    @Test
    void rowMajorMeansContiguousInCOrderWhateverTheStridesOfSizeOneDimensions() {
        assertTrue(Precision.isRowMajor(Nd4j.create(DataType.FLOAT, 64, 1, 32, 32)),
                "one input map: ND4J's own check rejects its strides [1024, 1024, 32, 1]");
        assertTrue(Precision.isRowMajor(Nd4j.create(DataType.FLOAT, new long[] {84}, 'f')));
        assertTrue(Precision.isRowMajor(Nd4j.create(DataType.FLOAT, new long[] {120, 84}, 'f').transpose()),
                "a dense layer's f-ordered weights, transposed");
        assertTrue(Precision.isRowMajor(Nd4j.create(DataType.FLOAT, 10, 6).get(NDArrayIndex.interval(2, 5),
                NDArrayIndex.all())), "a block of whole rows");
        assertFalse(Precision.isRowMajor(Nd4j.create(DataType.FLOAT, 10, 6).get(NDArrayIndex.all(),
                NDArrayIndex.interval(1, 3))), "a block of columns");
        assertFalse(Precision.isRowMajor(Nd4j.create(DataType.FLOAT, new long[] {3, 4}, 'f')));
    }

    @Test
    void viewableArraysAreReadInPlaceAndOthersCopied() {
        INDArray oneMap = Nd4j.rand(DataType.FLOAT, 2, 1, 3, 3);
        assertSame(oneMap, Precision.FLOAT.viewableCopy(oneMap));
        INDArray columns = Nd4j.rand(DataType.FLOAT, 4, 6).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        INDArray copy = Precision.FLOAT.viewableCopy(columns);
        assertTrue(copy.equals(columns) && copy != columns);
        assertTrue(Precision.FLOAT.viewable(copy));
    }
}
