package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class AccuracyProbeTest {
    @Test
    void countsRowsWhosePredictedClassIsTheLabelledOne() {
        INDArray predictions = Nd4j.createFromArray(new float[][] {
                {0.1f, 0.7f, 0.2f}, // 1, right
                {0.5f, 0.4f, 0.1f}, // 0, wrong
                {0.3f, 0.3f, 0.4f}, // 2, right
                {0.4f, 0.4f, 0.2f}}); // a tie: the first (0), as ND4J's argMax, right
        INDArray labels = Nd4j.createFromArray(new float[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 1}, {1, 0, 0}});
        assertEquals(3, AccuracyProbe.countCorrect(predictions, labels));
    }

    @Test
    void readsViewsAndOtherLayoutsAsTheirValues() {
        INDArray scores = Nd4j.rand(DataType.DOUBLE, 40, 7);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 40, 7);
        for (int r = 0; r < 40; r++) {
            labels.putScalar(r, (r * 3) % 7, 1);
        }
        INDArray rows = scores.get(NDArrayIndex.interval(10, 30), NDArrayIndex.all());
        INDArray fOrder = scores.dup('f');
        INDArray labelRows = labels.get(NDArrayIndex.interval(10, 30), NDArrayIndex.all());
        assertEquals(reference(rows, labelRows), AccuracyProbe.countCorrect(rows, labelRows));
        assertEquals(reference(fOrder, labels), AccuracyProbe.countCorrect(fOrder, labels));
    }

    private static long reference(INDArray predictions, INDArray labels) {
        return predictions.argMax(1).eq(labels.argMax(1)).castTo(DataType.INT).sumNumber().longValue();
    }
}
