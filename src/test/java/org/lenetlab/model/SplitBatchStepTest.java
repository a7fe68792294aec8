package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lenetlab.model.LayerChecks.assertClose;
import static org.lenetlab.model.LayerChecks.oneHot;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Two half batches on two threads train to what the whole batch trains to, and only where they can. */
class SplitBatchStepTest {
    private int threads;
    private CompilerActivity compiler;
    private ParallelChoice choice;

    @BeforeEach
    void twoThreadsAndAQuietCompiler() {
        threads = Nd4j.getEnvironment().maxThreads();
        Nd4j.getEnvironment().setMaxThreads(2);
        // libnd4j sizes its threads from OMP_NUM_THREADS when it loads; a one-core machine may not allow two
        assumeTrue(ConvThreads.available() >= 2, "two threads available");
        compiler = ConvThreads.watchCompiler(new CompilerActivity(() -> 0, () -> 0L, 2, false));
        choice = ConvThreads.choose(ParallelChoice.fixed(true)); // the halves pay
    }

    @AfterEach
    void restore() {
        Nd4j.getEnvironment().setMaxThreads(threads);
        if (compiler != null) {
            ConvThreads.watchCompiler(compiler);
            ConvThreads.choose(choice);
        }
    }

    private static MultiLayerNetwork lenet5() {
        return LeNet5.builder().input(new InputShape(12, 12, 1)).numClasses(3).seed(5).build().network();
    }

    @Test
    void trainsToTheWholeBatchsParametersScoreAndHits() {
        MultiLayerNetwork whole = lenet5();
        MultiLayerNetwork halves = whole.clone();
        INDArray before = halves.params().dup();
        try (FastLayers.Restore a = FastLayers.prepareForTraining(whole);
             FastLayers.Restore b = FastLayers.prepareForTraining(halves);
             SplitBatchStep split = SplitBatchStep.forNetwork(halves)) {
            assertNotNull(split);
            assertEquals(before, halves.params(), "the twin shares the parameters, it does not initialise them");
            for (int step = 0; step < 4; step++) {
                DataSet batch = batchOf(16);
                whole.fit(batch);
                long firstHalf = countHits(halves, batch, 0, 8);
                long secondHalf = countHits(halves, batch, 8, 16);

                assertTrue(split.fit(batch), "step " + step);

                assertEquals(whole.score(), halves.score(), 1e-5, "score of the whole batch at step " + step);
                assertEquals(secondHalf, split.secondHalfHits(), "hits of the second half at step " + step);
                assertTrue(firstHalf >= 0);
            }
            assertClose(whole.params(), halves.params(), 1e-5, "parameters after four Adam steps");
            assertEquals(whole.getIterationCount(), halves.getIterationCount());
        }
        assertEquals(whole.getListeners().size(), halves.getListeners().size(), "the joining listener is gone");
    }

    /** Correct predictions of the network, before the step, on rows [from, to) of the batch. */
    private static long countHits(MultiLayerNetwork net, DataSet batch, int from, int to) {
        INDArray x = batch.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
        INDArray y = batch.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
        return net.output(x, false).argMax(1).eq(y.argMax(1)).castTo(DataType.INT).sumNumber().longValue();
    }

    /**
     * Trains {@code net} one step on {@code batch} with the split step, and a copy with {@code fit}.
     *
     * @return whether the batch was split; the parameters are checked to be the whole batch's either way
     */
    private static boolean stepAndCompare(SplitBatchStep split, MultiLayerNetwork net, DataSet batch, String what) {
        MultiLayerNetwork whole = net.clone();
        try (FastLayers.Restore ignored = FastLayers.prepareForTraining(whole)) {
            whole.fit(batch);
        }
        boolean halves = split.fit(batch);
        assertClose(whole.params(), net.params(), 1e-5, what);
        return halves;
    }

    @Test
    void trainsOddSmallAndMaskedBatchesWhole() {
        MultiLayerNetwork net = lenet5();
        try (FastLayers.Restore ignored = FastLayers.prepareForTraining(net);
             SplitBatchStep split = SplitBatchStep.forNetwork(net)) {
            assertNotNull(split);
            assertFalse(stepAndCompare(split, net, batchOf(17), "odd"));
            assertFalse(stepAndCompare(split, net, batchOf(14), "halves below " + SplitBatchStep.MIN_HALF));
            DataSet masked = new DataSet(Nd4j.rand(DataType.FLOAT, 16, 1, 12, 12), oneHot(16, 3), null,
                    Nd4j.ones(DataType.FLOAT, 16, 1));
            assertFalse(stepAndCompare(split, net, masked, "label mask"));
            assertEquals(-1, split.secondHalfHits(), "no second half");
        }
    }

    /** One step on a batch of 16 images, which the split step must train whole. */
    private static void assertTrainsWhole(String why) {
        MultiLayerNetwork net = lenet5();
        try (FastLayers.Restore ignored = FastLayers.prepareForTraining(net);
             SplitBatchStep split = SplitBatchStep.forNetwork(net)) {
            assertFalse(stepAndCompare(split, net, batchOf(16), why));
        }
    }

    private static DataSet batchOf(int images) {
        return new DataSet(Nd4j.rand(DataType.FLOAT, images, 1, 12, 12), oneHot(images, 3));
    }

    @Test
    void trainsTheWholeBatchWhereTheHalvesDoNotPay() {
        ConvThreads.choose(ParallelChoice.fixed(false));
        assertTrainsWhole("halves slower");
    }

    @Test
    void measuresHalvesAgainstTheWholeBatchAndTrainsAlikeEitherWay() {
        ConvThreads.choose(null);
        MultiLayerNetwork net = lenet5();
        int split = 0;
        int steps = 2 * ParallelChoice.WINDOW + 4; // a window of halves, one of whole batches, and beyond
        try (FastLayers.Restore ignored = FastLayers.prepareForTraining(net);
             SplitBatchStep halves = SplitBatchStep.forNetwork(net)) {
            for (int step = 0; step < steps; step++) {
                split += stepAndCompare(halves, net, batchOf(16), "step " + step) ? 1 : 0;
            }
        }
        assertTrue(split > 0 && split < steps, split + " of " + steps + " steps split: both ways are measured");
    }

    @Test
    void onlyForNetworksWhoseHalvesGiveTheWholeBatchsUpdate() {
        assertNull(SplitBatchStep.forNetwork(ModernLeNet.builder().input(new InputShape(12, 12, 1)).numClasses(3)
                .batchNorm(true).dropout(0).build().network()), "batch norm: statistics per batch");
        assertNull(SplitBatchStep.forNetwork(ModernLeNet.builder().input(new InputShape(12, 12, 1)).numClasses(3)
                .batchNorm(false).dropout(0.5).build().network()), "dropout: masks per thread");
    }

    @Test
    void trainsOnOneThreadWhileTheCompilerIsBusy() {
        ConvThreads.watchCompiler(new CompilerActivity(() -> 0, () -> 0L, 2, true));
        assertTrainsWhole("compiler busy");
    }

    @Test
    void splitsOneStepInEveryFewWhileTheCompilerIsBusySoThatTheJitSeesBothWays() {
        ConvThreads.watchCompiler(new CompilerActivity(() -> 0, () -> 0L, 2, true));
        ConvThreads.choose(null);
        MultiLayerNetwork net = lenet5();
        int split = 0;
        try (FastLayers.Restore ignored = FastLayers.prepareForTraining(net);
             SplitBatchStep halves = SplitBatchStep.forNetwork(net)) {
            for (int step = 0; step < ParallelChoice.TRIAL_EVERY; step++) {
                split += stepAndCompare(halves, net, batchOf(16), "step " + step) ? 1 : 0;
            }
        }
        assertEquals(1, split, "the last of " + ParallelChoice.TRIAL_EVERY + " steps, on two threads");
    }

    @Test
    void refusesToLeaveAHalfStepUnnoticed() {
        MultiLayerNetwork net = lenet5();
        try (SplitBatchStep split = SplitBatchStep.forNetwork(net)) {
            net.setListeners(); // the joining listener is gone
            assertThrows(IllegalStateException.class,
                    () -> split.fit(batchOf(16)));
        }
    }

    @Test
    void halvesAreViewsOfTheBatchsRows() {
        INDArray images = Nd4j.arange(6 * 2 * 3 * 3).castTo(DataType.FLOAT).reshape('c', 6, 2, 3, 3);
        INDArray rows = SplitBatchStep.rows(images, 2, 5);
        assertEquals(images.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()), rows);
        rows.putScalar(new long[] {0, 1, 2, 2}, -7);
        assertEquals(-7, images.getFloat(2, 1, 2, 2), "shares the batch's memory");
        assertEquals(6, images.size(0), "leaves the batch's shape alone");

        INDArray labels = Nd4j.arange(8 * 3).castTo(DataType.FLOAT).reshape('c', 8, 3);
        INDArray upper = SplitBatchStep.rows(labels, 4, 8);
        assertEquals(labels.get(NDArrayIndex.interval(4, 8), NDArrayIndex.all()), upper);
        assertEquals(labels.get(NDArrayIndex.interval(6, 8), NDArrayIndex.all()), SplitBatchStep.rows(upper, 2, 4),
                "rows of a view");
    }
}
