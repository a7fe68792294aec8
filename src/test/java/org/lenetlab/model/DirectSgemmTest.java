package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DirectSgemmTest {
    @Test
    void oneDnnIsLoadedOnThePlatformsTheBuildShipsNativesFor() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            assertTrue(DirectSgemm.available(), "org.bytedeco:dnnl natives should load on linux-x86_64");
        }
    }

    @ParameterizedTest(name = "transposeA={0}, transposeB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void productsEqualNd4jsForEveryTransposition(boolean transposeA, boolean transposeB) {
        int m = 7;
        int k = 13;
        int n = 29;
        INDArray a = Nd4j.rand(DataType.FLOAT, transposeA ? new long[] {k, m} : new long[] {m, k});
        INDArray b = Nd4j.rand(DataType.FLOAT, transposeB ? new long[] {n, k} : new long[] {k, n});
        INDArray expected = (transposeA ? a.transpose() : a).mmul(transposeB ? b.transpose() : b);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n).assign(Float.NaN); // overwritten, not accumulated into

        DirectSgemm.multiply(a, b, c, transposeA, transposeB);

        assertClose(expected, c, 1e-4);
    }

    @Test
    void rowBlockViewsAtAnOffsetAreReadAndWrittenInPlace() {
        INDArray bigA = Nd4j.rand(DataType.FLOAT, 10, 6);
        INDArray bigC = Nd4j.zeros(DataType.FLOAT, 12, 5);
        INDArray a = bigA.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());
        INDArray b = Nd4j.rand(DataType.FLOAT, 6, 5);
        INDArray c = bigC.get(NDArrayIndex.interval(4, 8), NDArrayIndex.all());

        DirectSgemm.multiply(a, b, c, false, false);

        assertClose(a.mmul(b), bigC.get(NDArrayIndex.interval(4, 8), NDArrayIndex.all()), 1e-5);
        assertArrayEquals(new float[5], bigC.getRow(3).toFloatVector(), "rows outside the view stay untouched");
        assertArrayEquals(new float[5], bigC.getRow(8).toFloatVector(), "rows outside the view stay untouched");
    }

    @Test
    void stridedViewsAndDoublesTakeNd4jsOpWithTheSameResult() {
        INDArray columns = Nd4j.rand(DataType.FLOAT, 6, 8).get(NDArrayIndex.all(), NDArrayIndex.interval(1, 5));
        INDArray b = Nd4j.rand(DataType.FLOAT, 4, 3);
        INDArray c = Nd4j.create(DataType.FLOAT, 6, 3);
        DirectSgemm.multiply(columns, b, c, false, false);
        assertClose(columns.dup().mmul(b), c, 1e-5);

        INDArray a64 = Nd4j.rand(DataType.DOUBLE, 3, 4);
        INDArray b64 = Nd4j.rand(DataType.DOUBLE, 4, 2);
        INDArray c64 = Nd4j.create(DataType.DOUBLE, 3, 2);
        DirectSgemm.multiply(a64, b64, c64, false, false);
        assertClose(a64.mmul(b64), c64, 1e-12);
    }

    @Test
    void arraysOfAnyShapeAreReadAsTheMatricesTheirValuesForm() {
        INDArray activations = Nd4j.rand(DataType.FLOAT, 5, 8, 1, 1); // [B, C, 1, 1] as [5, 8]
        INDArray kernel = Nd4j.rand(DataType.FLOAT, 3, 8, 1, 1); // [outC, C, 1, 1] as [3, 8]
        INDArray out = Nd4j.create(DataType.FLOAT, 5, 3, 1, 1);

        DirectSgemm.multiply(activations, kernel, out, 5, 3, 8, false, true);

        INDArray expected = activations.reshape(5, 8).mmul(kernel.reshape(3, 8).transpose());
        assertClose(expected, out.reshape(5, 3), 1e-5);
    }

    @Test
    void aResultThatIsNotContiguousIsWrittenBackThroughNd4j() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 6);
        INDArray b = Nd4j.rand(DataType.FLOAT, 6, 2);
        INDArray wide = Nd4j.zeros(DataType.FLOAT, 4, 5);
        INDArray columns = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));

        DirectSgemm.multiply(a, b, columns, false, false);

        assertClose(a.mmul(b), wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3)), 1e-5);
        assertClose(Nd4j.zeros(DataType.FLOAT, 4, 1), wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)), 0);
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        assertTrue(expected.equalsWithEps(actual, tolerance), () -> "expected\n" + expected + "\nbut got\n" + actual);
    }
}
