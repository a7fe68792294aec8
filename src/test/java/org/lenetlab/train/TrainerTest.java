package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/** The training loop on tiny networks and synthetic 8×8 images. */
class TrainerTest {
    private static ImageDataset train;
    private static ImageDataset validation;

    @BeforeAll
    static void setUp() {
        Backend.configure();
        train = TestNets.bars(240, 1);
        validation = TestNets.bars(90, 2);
    }

    private static IUpdater updaterOf(MultiLayerNetwork net, int layer) {
        return ((BaseLayer) net.getLayerWiseConfigurations().getConf(layer).getLayer()).getIUpdater();
    }

    @Test
    void oneSgdStepMovesTheWeightsByMinusLearningRateTimesGradient() {
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0); // built with Adam(0.5)
        ImageDataset batch = train.head(30);
        DataSet ds = batch.toDataSet();
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        float[] gradient = net.gradient().gradient().dup().toFloatVector();
        float[] before = net.params().dup().toFloatVector();
        assertTrue(Arrays.stream(toDoubles(gradient)).filter(g -> Math.abs(g) > 1e-4).count() > 10,
                "a gradient worth testing");

        new Trainer(TrainingConfig.builder().epochs(1).batchSize(30).shuffle(false).optimizer(Optimizer.sgd(0.1))
                .build()).fit(net, batch);

        // DL4J's computeGradientAndScore gives the gradient of the summed loss; in minibatch mode its updater divides
        // by the batch size, so the gradient of the mean loss (the one reported) is gradient / 30.
        float[] after = net.params().toFloatVector();
        for (int i = 0; i < after.length; i++) {
            assertEquals(before[i] - 0.1 * gradient[i] / 30, after[i], 1e-6, "parameter " + i);
        }
        for (int layer = 0; layer < 3; layer++) {
            assertEquals(new Sgd(0.1), updaterOf(net, layer), "layer " + layer + " uses the trainer's optimiser");
        }
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void adamAndMomentumReplaceTheBuildersUpdaterWithFreshState() {
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0);
        new Trainer(TrainingConfig.builder().epochs(1).batchSize(60).optimizer(Optimizer.adam(0.002)).build())
                .fit(net, train);
        Adam adam = assertInstanceOf(Adam.class, updaterOf(net, 2));
        assertEquals(0.002, adam.getLearningRate());
        assertEquals(2 * net.numParams(), net.getUpdater().getStateViewArray().length(), "Adam keeps two moments");
        assertEquals(4, net.getIterationCount(), "240 images in batches of 60");

        MultiLayerNetwork net2 = TestNets.tinyNet(7, 1.0);
        new Trainer(TrainingConfig.builder().epochs(1).batchSize(60).optimizer(Optimizer.sgdMomentum(0.05, 0.8))
                .build()).fit(net2, train);
        Nesterovs nesterovs = assertInstanceOf(Nesterovs.class, updaterOf(net2, 0));
        assertEquals(0.05, nesterovs.getLearningRate());
        assertEquals(0.8, nesterovs.getMomentum());
        assertEquals(net2.numParams(), net2.getUpdater().getStateViewArray().length(), "one velocity per parameter");
    }

    @Test
    void scheduleSetsTheLearningRateOfEveryEpoch() {
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0);
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(3).batchSize(60).optimizer(Optimizer.sgd(0.1))
                .schedule(LearningRateSchedule.stepDecay(0.5, 1)).build()).fit(net, train);
        assertArrayEquals(new double[] {0.1, 0.05, 0.025}, r.history().learningRates());
        assertEquals(0.025, ((Sgd) updaterOf(net, 0)).getLearningRate());
        assertArrayEquals(new int[] {2, 3}, r.history().learningRateDrops());
    }

    @Test
    void sameSeedSameWeightsBitForBit() {
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(32).seed(11)
                .optimizer(Optimizer.adam(0.01)).build();
        MultiLayerNetwork a = TestNets.tinyNet(7, 0.5); // with dropout: its masks must repeat too
        MultiLayerNetwork b = TestNets.tinyNet(7, 0.5);
        TrainingResult ra = new Trainer(config).fit(a, train, validation);
        TrainingResult rb = new Trainer(config).fit(b, train, validation);
        assertArrayEquals(a.params().toFloatVector(), b.params().toFloatVector());
        assertTrue(ra.history().sameMetrics(rb.history()), ra.history() + "\n" + rb.history());

        MultiLayerNetwork c = TestNets.tinyNet(7, 0.5);
        new Trainer(config.toBuilder().seed(12).build()).fit(c, train, validation);
        assertFalse(Arrays.equals(a.params().toFloatVector(), c.params().toFloatVector()), "another seed, other weights");
    }

    @Test
    void learnsTheSyntheticBarsAndRecordsAKerasStyleHistory() {
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0);
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(6).batchSize(16).optimizer(Optimizer.adam(0.01))
                .build()).fit(net, train, validation);
        History h = r.history();
        assertEquals(StopReason.COMPLETED, r.stopReason());
        assertEquals("completed", r.reason());
        assertFalse(r.stoppedEarly());
        assertEquals(6, h.size());
        assertTrue(h.last().valAccuracy() > 0.9, h.toString());
        assertTrue(h.last().accuracy() > 0.85, h.toString());
        assertTrue(h.last().loss() < h.epoch(1).loss(), h.toString());
        assertEquals(6 * 240, r.imagesTrained());
        assertTrue(r.imagesPerSecond() > 0);
        assertTrue(r.seconds() >= r.trainingSeconds());
        assertEquals(h.bestEpoch(), r.bestEpoch());
        for (EpochRecord e : h.records()) {
            assertTrue(e.seconds() > 0 && e.accuracy() >= 0 && e.accuracy() <= 1 && e.valLoss() > 0, e.toString());
        }
    }

    @Test
    void trainingAccuracyComesFromTheForwardPassBeforeTheUpdate() {
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0);
        DataSet all = train.toDataSet();
        long expected = AccuracyProbe.countCorrect(net.output(all.getFeatures(), false), all.getLabels());
        double expectedLoss = net.score(all, false);
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(1).batchSize(240).shuffle(false)
                .optimizer(Optimizer.sgd(0.5)).build()).fit(net, train);
        assertEquals((double) expected / 240, r.history().last().accuracy());
        assertEquals(expectedLoss, r.history().last().loss(), 1e-6);
    }

    @Test
    void listenersSeeEveryEpochAndBatchInOrder() {
        List<String> events = new ArrayList<>();
        List<BatchProgress> progress = new ArrayList<>();
        List<EpochRecord> records = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochStart(EpochStart s) {
                events.add("start " + s.epoch() + "/" + s.epochs() + " " + s.batches() + " " + s.learningRate());
            }

            @Override
            public void onBatchEnd(BatchProgress p) {
                events.add("batch " + p.batch());
                progress.add(p);
            }

            @Override
            public void onEpochEnd(EpochRecord r) {
                events.add("end " + r.epoch());
                records.add(r);
            }

            @Override
            public void onTrainingEnd(TrainingResult r) {
                events.add("done " + r.stopReason());
            }
        };
        new Trainer(TrainingConfig.builder().epochs(2).batchSize(64).optimizer(Optimizer.sgd(0.05)).listener(recorder)
                .build()).fit(TestNets.tinyNet(7, 1.0), train);
        assertEquals(List.of("start 1/2 4 0.05", "batch 1", "batch 2", "batch 3", "batch 4", "end 1",
                "start 2/2 4 0.05", "batch 1", "batch 2", "batch 3", "batch 4", "end 2", "done COMPLETED"), events);
        BatchProgress last = progress.get(3);
        assertEquals(240, last.images(), "64 + 64 + 64 + 48");
        assertEquals(records.get(0).loss(), last.loss(), "the epoch loss is the running mean at its last batch");
        assertEquals(records.get(0).accuracy(), last.accuracy());
        double weighted = (progress.get(0).batchLoss() * 64 + progress.get(1).batchLoss() * 64
                + progress.get(2).batchLoss() * 64 + progress.get(3).batchLoss() * 48) / 240;
        assertEquals(weighted, last.loss(), 1e-12, "weighted by batch size, as Keras does");
        assertEquals(0.0, last.etaSeconds());
    }

    @Test
    void eachBatchIsReusedOrFreedOnceTheNextHasTrainedAndTheLastStaysTheNetworksInput() {
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0);
        List<INDArray> inputs = new ArrayList<>();
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                inputs.add(((MultiLayerNetwork) model).getInput());
            }
        });
        new Trainer(TrainingConfig.builder().epochs(2).batchSize(64).build()).fit(net, train);
        assertEquals(8, inputs.size(), "two epochs of four batches");
        int reused = 0;
        for (int i = 0; i < 7; i++) {
            INDArray earlier = inputs.get(i);
            boolean heldLater = inputs.subList(i + 1, 8).stream().anyMatch(later -> later == earlier);
            assertTrue(earlier.wasClosed() || heldLater,
                    "batch " + i + ", which the network has moved on from, is freed or holds a later batch");
            reused += heldLater ? 1 : 0;
        }
        assertTrue(reused >= 1, "full-size batches are reused");
        INDArray last = inputs.get(7);
        assertFalse(last.wasClosed(), "the last batch is still the network's input");
        assertSame(last, net.getInput());
    }

    @Test
    void theNetworksOwnDl4jListenersKeepWorkingAndStayAlone() {
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0);
        int[] calls = new int[3];
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void onEpochStart(Model model) {
                calls[0]++;
            }

            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                calls[1]++;
            }

            @Override
            public void onEpochEnd(Model model) {
                calls[2]++;
            }
        });
        new Trainer(TrainingConfig.builder().epochs(2).batchSize(64).build()).fit(net, train);
        assertArrayEquals(new int[] {2, 8, 2}, calls, "epoch start, iterations, epoch end");
        assertEquals(1, net.getListeners().size(), "the trainer's accuracy probe is removed again");
    }

    @Test
    void absurdLearningRateDivergesWithAnActionableMessage() {
        List<RuntimeException> failures = new ArrayList<>();
        TrainingListener watcher = new TrainingListener() {
            @Override
            public void onTrainingFailed(RuntimeException error) {
                failures.add(error);
            }
        };
        Trainer trainer = new Trainer(TrainingConfig.builder().epochs(5).batchSize(16).optimizer(Optimizer.sgd(1e6))
                .listener(watcher).build());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.fit(TestNets.tinyNet(7, 1.0), train));
        String m = e.getMessage();
        // the first update throws the weights from ~0.5 to ~2e5; the clipped cross-entropy itself stays finite
        assertTrue(m.startsWith("Training diverged in epoch 1, batch 1 of 15: the largest weight magnitude reached "), m);
        assertTrue(m.contains(String.format(java.util.Locale.ROOT, "(loss %.4g, learning rate 1.00e+06)", e.loss())), m);
        assertTrue(m.contains("smaller learning rate (e.g. 1.00e+05") && m.contains("normalised")
                && m.contains("labels"), m);
        assertEquals(0, e.history().size(), "no epoch was completed");
        assertEquals(List.of(e), failures, "listeners hear about the failure");
    }

    @Test
    void divergenceInALaterEpochKeepsTheEarlierEpochs() {
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0);
        TrainingListener saboteur = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord r) {
                net.params().assign(Float.NaN);
            }
        };
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> new Trainer(
                TrainingConfig.builder().epochs(3).batchSize(32).listener(saboteur).build()).fit(net, train));
        assertEquals(2, e.epoch());
        assertEquals(1, e.batch());
        assertTrue(e.getMessage().contains("epoch 2, batch 1 of 8: the loss became NaN"), e.getMessage());
        assertEquals(1, e.history().size());
    }

    @Test
    void requestStopEndsCleanlyBetweenBatches() {
        Trainer[] trainer = new Trainer[1];
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchProgress p) {
                if (p.epoch() == 2 && p.batch() == 3) {
                    trainer[0].requestStop();
                }
            }
        };
        trainer[0] = new Trainer(TrainingConfig.builder().epochs(4).batchSize(32).listener(stopper).build());
        TrainingResult r = trainer[0].fit(TestNets.tinyNet(7, 1.0), train, validation);
        assertEquals(StopReason.INTERRUPTED, r.stopReason());
        assertTrue(r.stoppedEarly());
        assertEquals("interrupted (stop requested) in epoch 2 after batch 3 of 8", r.reason());
        assertEquals(1, r.history().size(), "only complete epochs are recorded");
        assertEquals(240 + 3 * 32, r.imagesTrained(), "all of epoch 1, 3 batches of epoch 2");
        assertNotNull(r.network());
    }

    @Test
    void threadInterruptionEndsCleanlyAndKeepsTheFlag() {
        TrainingListener interrupter = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchProgress p) {
                if (p.epoch() == 1 && p.batch() == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(2).batchSize(32).listener(interrupter).build())
                .fit(TestNets.tinyNet(7, 1.0), train);
        assertTrue(Thread.interrupted(), "the interrupt status is preserved (and cleared here)");
        assertEquals(StopReason.INTERRUPTED, r.stopReason());
        assertEquals("interrupted (thread interrupted) in epoch 1 after batch 2 of 8", r.reason());
        assertTrue(r.history().isEmpty());
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestWeights() {
        INDArray[] afterEpoch1 = new INDArray[1];
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0);
        TrainingListener snapshot = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord r) {
                if (r.epoch() == 1) {
                    afterEpoch1[0] = net.params().dup();
                }
            }
        };
        // a min delta no loss can beat: only epoch 1 counts as an improvement
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(10).batchSize(32).optimizer(Optimizer.adam(0.01))
                .earlyStopping(EarlyStopping.Settings.monitor(Metric.LOSS).minDelta(100).patience(2)
                        .restoreBestWeights(true))
                .listener(snapshot).build()).fit(net, train);
        assertEquals(StopReason.EARLY_STOPPING, r.stopReason());
        assertEquals("early stopping: loss did not improve for 2 epochs", r.reason());
        assertEquals(3, r.history().size());
        assertEquals(OptionalInt.of(1), r.restoredEpoch());
        assertEquals(OptionalInt.of(1), r.bestEpoch());
        assertArrayEquals(afterEpoch1[0].toFloatVector(), net.params().toFloatVector());
        assertTrue(r.history().toString().contains("restored"));
    }

    @Test
    void bestWeightsAreRestoredAlsoWhenAllEpochsRan() {
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(2).batchSize(32)
                .earlyStopping(EarlyStopping.Settings.monitor(Metric.VAL_LOSS).minDelta(100).patience(5)
                        .restoreBestWeights(true)).build())
                .fit(TestNets.tinyNet(7, 1.0), train, validation);
        assertEquals(StopReason.COMPLETED, r.stopReason());
        assertEquals(OptionalInt.of(1), r.restoredEpoch(), "Keras 3 restores at the end of training too");
    }

    @Test
    void plateauHalvesTheRateAndMarksTheEpochs() {
        MultiLayerNetwork net = TestNets.tinyNet(7, 1.0);
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(4).batchSize(60).optimizer(Optimizer.sgd(0.1))
                .reduceLrOnPlateau(ReduceLrOnPlateau.Settings.monitor(Metric.LOSS).minDelta(100).patience(1)
                        .factor(0.5)).build()).fit(net, train);
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.025}, r.history().learningRates());
        assertArrayEquals(new int[] {2, 3, 4}, r.history().plateauReductions());
        assertArrayEquals(new int[] {3, 4}, r.history().learningRateDrops());
        assertEquals(0.025, ((Sgd) updaterOf(net, 1)).getLearningRate());
    }

    @Test
    void dataThatDoesNotFitTheNetworkIsRefusedClearly() {
        Trainer trainer = new Trainer(TrainingConfig.builder().epochs(1).build());
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(TestNets.tinyNet(7, 1.0, 4), train));
        assertTrue(classes.getMessage().contains("4 units") && classes.getMessage().contains("3 classes"),
                classes.getMessage());

        ImageDataset twoClasses = new ImageDataset("two", "test", new float[64], new int[] {1}, 1, 8, 8,
                ImageDataset.numberedClasses(2));
        IllegalArgumentException val = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(TestNets.tinyNet(7, 1.0), train, twoClasses));
        assertTrue(val.getMessage().contains("does not match"), val.getMessage());

        Trainer monitoring = new Trainer(TrainingConfig.builder().epochs(1)
                .earlyStopping(EarlyStopping.Settings.monitor(Metric.VAL_ACCURACY)).build());
        IllegalArgumentException needs = assertThrows(IllegalArgumentException.class,
                () -> monitoring.fit(TestNets.tinyNet(7, 1.0), train));
        assertTrue(needs.getMessage().contains("val_accuracy") && needs.getMessage().contains("validation set"),
                needs.getMessage());

        ImageDataset big = new ImageDataset("big images", "test", new float[3 * 28 * 28], new int[] {0, 1, 2}, 1, 28,
                28, ImageDataset.numberedClasses(3));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(TestNets.tinyNet(7, 1.0), big));
        assertTrue(shape.getMessage().contains("cannot train on big images (images 1×28×28"), shape.getMessage());
    }

    @Test
    void configValidation() {
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().epochs(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().batchSize(0))
                .getMessage().contains("batch size"));
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().divergenceFactor(0.5));
        TrainingConfig c = TrainingConfig.builder().build();
        assertEquals(10, c.epochs());
        assertEquals(64, c.batchSize());
        assertEquals(Optimizer.adam(1e-3), c.optimizer());
        assertTrue(c.toString().contains("optimizer              adam(lr=0.001"), c.toString());
        assertFalse(c.fingerprint().containsKey("epochs"), "a run may be extended");
    }
}
