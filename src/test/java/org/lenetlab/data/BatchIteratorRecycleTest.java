package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches handed back to the iterator: their memory holds later batches, which are still exactly the images and
 * labels of the epoch's order, and what cannot be reused is refused and stays the caller's.
 */
class BatchIteratorRecycleTest {
    private static final int IMAGES = 23;
    private static final int CLASSES = 4;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    /** 23 images of 3×5 whose pixels encode their index, labels cycling over 4 classes. */
    private static ImageDataset numbered() {
        int len = 15;
        float[] pixels = new float[IMAGES * len];
        int[] labels = new int[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            for (int p = 0; p < len; p++) {
                pixels[i * len + p] = i + p / 100f;
            }
            labels[i] = (i * 7) % CLASSES;
        }
        return new ImageDataset("numbered", "test", pixels, labels, 1, 3, 5, List.of("a", "b", "c", "d"));
    }

    /** Features and labels of every batch of two shuffled epochs, copied out as served. */
    private static List<float[][]> twoEpochs(boolean recycle, Set<Long> addresses) {
        List<float[][]> served = new ArrayList<>();
        List<DataSet> kept = new ArrayList<>(); // so that no address is freed and handed out again by malloc
        try (BatchIterator it = new BatchIterator(numbered(), 5, true, 3)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                it.setEpoch(epoch);
                DataSet previous = null;
                while (it.hasNext()) {
                    DataSet ds = it.next();
                    kept.add(ds);
                    addresses.add(ds.getFeatures().data().address());
                    served.add(new float[][] {ds.getFeatures().dup().data().asFloat(),
                            ds.getLabels().dup().data().asFloat()});
                    if (recycle && previous != null) {
                        it.recycle(previous);
                    }
                    previous = ds;
                }
            }
        }
        return served;
    }

    @Test
    void recycledMemoryHoldsLaterBatchesExactly() {
        Set<Long> fresh = new HashSet<>();
        Set<Long> reused = new HashSet<>();
        List<float[][]> expected = twoEpochs(false, fresh);
        List<float[][]> actual = twoEpochs(true, reused);

        assertEquals(10, expected.size(), "5 batches of up to 5 images per epoch");
        for (int b = 0; b < expected.size(); b++) {
            assertArrayEquals(expected.get(b)[0], actual.get(b)[0], "features of batch " + b);
            assertArrayEquals(expected.get(b)[1], actual.get(b)[1], "labels of batch " + b);
        }
        assertEquals(10, fresh.size(), "without recycling every batch has new memory");
        // how many depends on whether a batch is built before or after the one two back is handed back
        assertTrue(reused.size() < 10, "recycled memory is reused: " + reused.size() + " distinct buffers");
    }

    @Test
    void labelsOfARecycledBatchAreRewrittenNotAccumulated() {
        try (BatchIterator it = new BatchIterator(numbered(), 5, true, 3)) {
            for (int batch = 0; batch < 4; batch++) {
                DataSet ds = it.next();
                assertEquals(5.0, ds.getLabels().sumNumber().doubleValue(), 0.0, "one 1 per image, batch " + batch);
                it.recycle(ds);
            }
        }
    }

    @Test
    void refusesWhatItCannotReuse() {
        try (BatchIterator it = new BatchIterator(numbered(), 5, false, 3)) {
            assertFalse(it.recycle(null));
            DataSet closed = it.next();
            closed.getFeatures().close();
            assertFalse(it.recycle(closed), "a closed array");

            DataSet view = it.next();
            assertFalse(it.recycle(new DataSet(Nd4j.create(DataType.DOUBLE, 5, 1, 3, 5), view.getLabels())),
                    "another data type");
            DataSet masked = new DataSet(view.getFeatures(), view.getLabels(), null, Nd4j.ones(DataType.FLOAT, 5, 1));
            assertFalse(it.recycle(masked), "a batch with a mask");

            DataSet a = it.next();
            DataSet b = it.next();
            DataSet last = it.next();
            assertEquals(3, last.numExamples());
            assertFalse(it.recycle(last), "the smaller last batch");
            assertTrue(it.recycle(view));
            assertTrue(it.recycle(a));
            assertFalse(it.recycle(b), "at most two are kept");
        }
    }
}
