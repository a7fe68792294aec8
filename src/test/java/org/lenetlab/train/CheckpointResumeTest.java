package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;

/** Per-epoch checkpoints and exact resume. */
class CheckpointResumeTest {
    private static ImageDataset train;
    private static ImageDataset validation;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        Backend.configure();
        train = TestNets.bars(120, 1);
        validation = TestNets.bars(45, 2);
    }

    /** Adam (bias correction needs the iteration count), dropout, a schedule and a plateau: all must resume. */
    private static TrainingConfig.Builder config(Path dir) {
        return TrainingConfig.builder().epochs(4).batchSize(32).seed(5)
                .optimizer(Optimizer.adam(0.01))
                .schedule(LearningRateSchedule.stepDecay(0.5, 3))
                .reduceLrOnPlateau(ReduceLrOnPlateau.Settings.monitor(Metric.VAL_LOSS).patience(1).minDelta(0.02)
                        .factor(0.5))
                .earlyStopping(EarlyStopping.Settings.monitor(Metric.VAL_LOSS).patience(10))
                .checkpointDir(dir);
    }

    private static TrainingListener stopAfterEpoch(int epoch, Trainer[] trainer) {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord r) {
                if (r.epoch() == epoch) {
                    trainer[0].requestStop();
                }
            }
        };
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameRun(TrainingResult expected, TrainingResult actual) {
        MultiLayerNetwork a = expected.network();
        MultiLayerNetwork b = actual.network();
        assertArrayEquals(a.params().toFloatVector(), b.params().toFloatVector(), "weights");
        assertArrayEquals(a.getUpdater().getStateViewArray().toFloatVector(),
                b.getUpdater().getStateViewArray().toFloatVector(), "Adam moments");
        assertEquals(a.getIterationCount(), b.getIterationCount(), "iteration count (Adam's bias correction)");
        assertTrue(expected.history().sameMetrics(actual.history()),
                "histories differ:\n" + expected.history() + "\n" + actual.history());
        assertEquals(expected.stopReason(), actual.stopReason());
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsAnUninterruptedOne() throws IOException {
        TrainingResult straight = new Trainer(config(tmp.resolve("straight")).build())
                .fit(TestNets.tinyNet(7, 0.5), train, validation);

        Path dir = tmp.resolve("interrupted");
        Trainer[] first = new Trainer[1];
        first[0] = new Trainer(config(dir).listener(stopAfterEpoch(2, first)).build());
        TrainingResult part = first[0].fit(TestNets.tinyNet(7, 0.5), train, validation);
        assertEquals(StopReason.INTERRUPTED, part.stopReason());
        assertEquals("interrupted (stop requested) before epoch 3", part.reason());
        assertEquals(2, Checkpoint.lastEpoch(dir));
        assertEquals(List.of("history.csv", "history.json", "model-epoch-0002.zip", "trainer-state.json"), files(dir));

        // a new trainer, as after a restart of the JVM
        TrainingResult resumed = new Trainer(config(dir).build()).resume(train, validation);
        assertSameRun(straight, resumed);
        assertEquals(4, resumed.history().size());
        assertEquals(2 * 120, resumed.imagesTrained(), "this session trained epochs 3 and 4");
        assertTrue(straight.history().plateauReductions().length > 0 || straight.history().learningRateDrops().length > 0,
                "the run exercises a learning-rate change: " + straight.history());
        assertEquals(resumed.history(), Checkpoint.loadHistory(dir));
        assertEquals(resumed.history(), History.read(dir.resolve(Checkpoint.HISTORY_CSV)));
        MultiLayerNetwork loaded = Checkpoint.loadNetwork(dir);
        assertArrayEquals(resumed.network().params().toFloatVector(), loaded.params().toFloatVector());
    }

    @Test
    void extendingAFinishedRunWithRestoreBestMatchesALongerRun() {
        TrainingConfig.Builder base = config(null).earlyStopping(EarlyStopping.Settings.monitor(Metric.VAL_ACCURACY)
                .patience(10).restoreBestWeights(true));
        TrainingResult straight = new Trainer(base.checkpointDir(tmp.resolve("a")).build())
                .fit(TestNets.tinyNet(7, 0.5), train, validation);
        Path dir = tmp.resolve("b");
        TrainingResult shortRun = new Trainer(base.checkpointDir(dir).epochs(2).build())
                .fit(TestNets.tinyNet(7, 0.5), train, validation);
        assertEquals(StopReason.COMPLETED, shortRun.stopReason());
        assertTrue(shortRun.restoredEpoch().isPresent());
        TrainingResult extended = new Trainer(base.checkpointDir(dir).epochs(4).build()).resume(train, validation);
        assertSameRun(straight, extended);
        assertEquals(straight.restoredEpoch(), extended.restoredEpoch());
        assertEquals(straight.bestEpoch(), extended.bestEpoch());
    }

    @Test
    void aCrashWhileWritingLeavesThePreviousCheckpointIntact() throws IOException {
        Path dir = tmp.resolve("crash");
        AtomicInteger saves = new AtomicInteger();
        Checkpoint.ModelWriter failsAtEpoch3 = (net, file) -> {
            if (saves.incrementAndGet() == 3) {
                Files.write(file, new byte[1000]); // half a model...
                throw new IOException("disk full (simulated)");
            }
            Checkpoint.DL4J_WRITER.write(net, file);
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new Trainer(config(dir).build(),
                failsAtEpoch3).fit(TestNets.tinyNet(7, 0.5), train, validation));
        String m = e.getMessage();
        assertTrue(m.contains("could not write the checkpoint of epoch 3 to " + dir), m);
        assertTrue(m.contains("disk full (simulated)") && m.contains("the checkpoint of epoch 2 is intact"), m);
        assertEquals(List.of("history.csv", "history.json", "model-epoch-0002.zip", "trainer-state.json"), files(dir),
                "no partial or temporary files");
        assertEquals(2, Checkpoint.lastEpoch(dir));

        TrainingResult resumed = new Trainer(config(dir).build()).resume(train, validation);
        TrainingResult straight = new Trainer(config(tmp.resolve("straight")).build())
                .fit(TestNets.tinyNet(7, 0.5), train, validation);
        assertSameRun(straight, resumed);
    }

    @Test
    void leftoversOfAKilledProcessAreIgnoredAndCleanedUp() throws IOException {
        Path dir = tmp.resolve("killed");
        new Trainer(config(dir).epochs(1).build()).fit(TestNets.tinyNet(7, 0.5), train, validation);
        // what a process killed during epoch 2's save leaves: a complete model not yet committed, a partial state
        Files.copy(dir.resolve("model-epoch-0001.zip"), dir.resolve("model-epoch-0002.zip"));
        Files.writeString(dir.resolve(".trainer-state.json.12345.part"), "{\"format\": \"lenetlab-trai");
        assertEquals(1, Checkpoint.lastEpoch(dir));
        TrainingResult resumed = new Trainer(config(dir).epochs(2).build()).resume(train, validation);
        assertEquals(2, resumed.history().size());
        assertEquals(List.of("history.csv", "history.json", "model-epoch-0002.zip", "trainer-state.json"), files(dir));
    }

    @Test
    void anInterruptDuringTheLastBatchStillSavesTheEpoch() throws IOException {
        Path dir = tmp.resolve("interrupt");
        TrainingListener interrupter = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchProgress p) {
                if (p.epoch() == 1 && p.batch() == p.batches()) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(3).batchSize(32).checkpointDir(dir)
                .listener(interrupter).build()).fit(TestNets.tinyNet(7, 0.5), train);
        assertTrue(Thread.interrupted(), "the interrupt status survives the checkpoint write");
        assertEquals("interrupted (thread interrupted) before epoch 2", r.reason());
        assertEquals(1, Checkpoint.lastEpoch(dir), "file channels did not refuse the interrupted thread");
    }

    @Test
    void resumingWithOtherSettingsOrDataIsRefusedByName() {
        Path dir = tmp.resolve("run");
        new Trainer(config(dir).epochs(1).build()).fit(TestNets.tinyNet(7, 0.5), train, validation);

        IllegalArgumentException optimizer = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(dir).optimizer(Optimizer.sgd(0.1)).build()).resume(train, validation));
        String m = optimizer.getMessage();
        assertTrue(m.startsWith("Cannot resume the run in " + dir + ": a setting differs"), m);
        assertTrue(m.contains("optimizer: the checkpoint has adam(lr=0.01, beta1=0.9, beta2=0.999, epsilon=1.0E-8), "
                + "this trainer has sgd(lr=0.1)"), m);

        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(dir).batchSize(16).seed(6).build()).resume(train, validation));
        assertTrue(two.getMessage().contains("2 settings differ") && two.getMessage().contains("batch size: the "
                + "checkpoint has 32, this trainer has 16") && two.getMessage().contains("seed"), two.getMessage());

        IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(dir).build()).resume(TestNets.bars(120, 99), validation));
        assertTrue(data.getMessage().contains("training data: the checkpoint has 120 images 1×8×8, 3 classes, "
                + "checksum"), data.getMessage());

        IllegalArgumentException net = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(dir).epochs(2).build()).fitOrResume(TestNets.lenetLike(1), train, validation));
        assertTrue(net.getMessage().contains("network: the checkpoint has ConvolutionLayer > DenseLayer > OutputLayer, "
                + "2411 parameters, this trainer has ConvolutionLayer > SubsamplingLayer"), net.getMessage());
    }

    @Test
    void fitRefusesToOverwriteACheckpointWhileFitOrResumeContinuesIt() {
        Path dir = tmp.resolve("run");
        Trainer[] first = new Trainer[1];
        first[0] = new Trainer(config(dir).listener(stopAfterEpoch(1, first)).build());
        first[0].fit(TestNets.tinyNet(7, 0.5), train, validation);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Trainer(config(dir).build()).fit(TestNets.tinyNet(7, 0.5), train, validation));
        assertTrue(e.getMessage().contains(dir + " already holds the checkpoint of a run (epoch 1 saved)")
                && e.getMessage().contains("resume"), e.getMessage());

        TrainingResult resumed = new Trainer(config(dir).build()).fitOrResume(TestNets.tinyNet(7, 0.5), train,
                validation);
        assertEquals(4, resumed.history().size());
        assertEquals(3 * 120, resumed.imagesTrained());
    }

    @Test
    void anEarlyStoppedRunIsNotTrainedFurther() {
        Path dir = tmp.resolve("stopped");
        TrainingConfig stopping = config(dir).epochs(10).earlyStopping(EarlyStopping.Settings.monitor(Metric.LOSS)
                .minDelta(100).patience(1).restoreBestWeights(true)).build();
        TrainingResult first = new Trainer(stopping).fit(TestNets.tinyNet(7, 0.5), train, validation);
        assertEquals(StopReason.EARLY_STOPPING, first.stopReason());
        assertEquals(2, first.history().size());
        TrainingResult again = new Trainer(stopping).resume(train, validation);
        assertEquals(StopReason.EARLY_STOPPING, again.stopReason());
        assertEquals(0, again.imagesTrained());
        assertEquals("early stopping (at epoch 2, before this session)", again.reason());
        assertArrayEquals(first.network().params().toFloatVector(), again.network().params().toFloatVector(),
                "the best weights are restored again");
        assertEquals(first.history(), again.history());
    }

    @Test
    void missingOrDamagedCheckpointsAreReportedClearly() throws IOException {
        Path dir = tmp.resolve("none");
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> new Trainer(config(dir).build()).resume(train, validation));
        assertTrue(missing.getMessage().contains("no checkpoint in " + dir), missing.getMessage());

        IllegalStateException noDir = assertThrows(IllegalStateException.class,
                () -> new Trainer(TrainingConfig.builder().build()).resume(train, validation));
        assertTrue(noDir.getMessage().contains("checkpointDir"), noDir.getMessage());

        Files.createDirectories(dir);
        Files.writeString(dir.resolve(Checkpoint.STATE_FILE), "{\"format\": \"lenetlab-trainer-state\", ");
        UncheckedIOException damaged = assertThrows(UncheckedIOException.class,
                () -> new Trainer(config(dir).build()).resume(train, validation));
        assertTrue(damaged.getMessage().contains(Checkpoint.STATE_FILE) && damaged.getMessage().contains("not valid JSON"),
                damaged.getMessage());

        Path noModel = tmp.resolve("nomodel");
        new Trainer(config(noModel).epochs(1).build()).fit(TestNets.tinyNet(7, 0.5), train, validation);
        Files.delete(noModel.resolve("model-epoch-0001.zip"));
        UncheckedIOException gone = assertThrows(UncheckedIOException.class,
                () -> new Trainer(config(noModel).build()).resume(train, validation));
        assertTrue(gone.getMessage().contains("model-epoch-0001.zip, which is missing"), gone.getMessage());
        assertFalse(Checkpoint.exists(tmp.resolve("elsewhere")));
    }
}
