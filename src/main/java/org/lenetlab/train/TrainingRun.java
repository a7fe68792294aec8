package org.lenetlab.train;

import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.data.BatchIterator;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.model.FastLayers;
import org.lenetlab.model.SplitBatchStep;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One session of a training run — a {@link Trainer#fit} or {@link Trainer#resume} call: the epoch and batch loop
 * and the state that evolves with it (history, early stopping, plateau, divergence guard, best weights), which is
 * exactly what a checkpoint saves and a resume restores.
 */
final class TrainingRun {
    private static final String EARLY_STOPPING_FINISH = "early stopping";

    private final TrainingConfig config;
    private final MultiLayerNetwork net;
    private final ImageDataset train;
    private final ImageDataset validation;
    private final Map<String, String> fingerprint;
    private final BooleanSupplier stopSignal;
    private final Supplier<String> stopCause;
    private final EarlyStopping earlyStopping;
    private final ReduceLrOnPlateau plateau;
    private final DivergenceGuard guard;
    private final Checkpoint checkpoint;
    private final AccuracyProbe probe = new AccuracyProbe();
    private final LargestWeight largestWeight = new LargestWeight();
    /** Trains each batch as two halves on two threads while {@link #run} runs, where the network allows it. */
    private SplitBatchStep split;
    /** Whether the last batch trained as two halves. */
    private boolean lastSplit;

    private History history = History.empty();
    private double plateauRate;
    private INDArray bestWeights;
    private int bestWeightsEpoch;
    private boolean bestWeightsChanged;
    private String bestWeightsFile;
    private String finished;

    private StopReason stopReason;
    private String reasonText;
    private long trainingNanos;
    private long imagesTrained;
    private boolean firstBatch = true;
    /** The batch the network trained on last (its input until the next batch), released after that one. */
    private DataSet trained;

    /**
     * @param stopSignal polled between batches: stop requested or thread interrupted
     * @param stopCause  says which of the two, for the result
     */
    TrainingRun(TrainingConfig config, MultiLayerNetwork net, ImageDataset train, ImageDataset validation,
                Map<String, String> fingerprint, Checkpoint.ModelWriter modelWriter, BooleanSupplier stopSignal,
                Supplier<String> stopCause) {
        this.config = config;
        this.net = net;
        this.train = train;
        this.validation = validation;
        this.fingerprint = fingerprint;
        this.stopSignal = stopSignal;
        this.stopCause = stopCause;
        this.earlyStopping = config.earlyStopping().map(EarlyStopping::new).orElse(null);
        this.plateau = config.reduceLrOnPlateau().map(ReduceLrOnPlateau::new).orElse(null);
        this.guard = new DivergenceGuard(config.divergenceFactor());
        this.checkpoint = config.checkpointDir().map(dir -> new Checkpoint(dir, modelWriter)).orElse(null);
        this.plateauRate = config.optimizer().learningRate();
    }

    /** A new run: remembers the untrained weights' scale for the divergence guard. */
    void startFresh() {
        guard.startWeights(maxAbsWeight());
    }

    /** A resumed run: continues from a checkpoint's state. */
    void restore(TrainerState saved, INDArray savedBestWeights) {
        // The restored-epoch mark belongs to the end of a session; a continued run sets it again when it ends.
        history = saved.history().withRestoredEpoch(0);
        plateauRate = saved.plateauRate();
        guard.restore(saved.referenceLoss(), saved.referenceWeight());
        if (earlyStopping != null && saved.earlyStopping() != null) {
            earlyStopping.restore(saved.earlyStopping());
        }
        if (plateau != null && saved.plateau() != null) {
            plateau.restore(saved.plateau());
        }
        bestWeights = savedBestWeights;
        bestWeightsEpoch = saved.bestWeightsEpoch();
        bestWeightsFile = saved.bestWeightsFile();
        finished = saved.finished();
    }

    private double maxAbsWeight() {
        return net.numParams() == 0 ? 0 : largestWeight.of(net.params());
    }

    /**
     * Trains from the epoch after the history's last one until the configured epochs are done, early stopping
     * fires or a stop is signalled.
     *
     * @return the outcome
     */
    TrainingResult run() {
        long start = System.nanoTime();
        Collection<org.deeplearning4j.optimize.api.TrainingListener> dl4jListeners =
                new ArrayList<>(net.getListeners());
        net.addListeners(probe);
        try (BatchIterator batches = new BatchIterator(train, config.batchSize(), config.shuffle(), config.seed(),
                config.augmentation().orElse(null));
             FastLayers.Restore fastLayers = FastLayers.prepareForTraining(net);
             SplitBatchStep halves = SplitBatchStep.forNetwork(net)) {
            split = halves;
            if (EARLY_STOPPING_FINISH.equals(finished)) {
                stop(StopReason.EARLY_STOPPING,
                        "early stopping (at epoch " + history.size() + ", before this session)");
            }
            for (int epoch = history.size() + 1; stopReason == null; epoch++) {
                if (epoch > config.epochs()) {
                    stop(StopReason.COMPLETED, "completed");
                } else if (stopSignal.getAsBoolean()) {
                    stop(StopReason.INTERRUPTED, String.format(Locale.ROOT, "interrupted (%s) before epoch %d",
                            stopCause.get(), epoch));
                } else {
                    trainEpoch(epoch, batches, dl4jListeners);
                }
            }
        } catch (RuntimeException failure) {
            for (TrainingListener l : config.listeners()) {
                try {
                    l.onTrainingFailed(failure);
                } catch (RuntimeException ignored) {
                    // the original failure is what the caller needs to see
                }
            }
            throw failure;
        } finally {
            split = null;
            net.setListeners(dl4jListeners);
        }
        // Keras 3 restores the best weights at the end of training, whether early stopping fired or not.
        if (stopReason != StopReason.INTERRUPTED && earlyStopping != null
                && earlyStopping.settings().restoreBestWeights() && bestWeights != null) {
            net.setParams(bestWeights);
            history = history.withRestoredEpoch(bestWeightsEpoch);
            if (checkpoint != null) {
                History marked = history;
                deferringInterrupts(() -> checkpoint.saveHistory(marked));
            }
        }
        OptionalInt best = earlyStopping != null && earlyStopping.bestEpoch() > 0
                ? OptionalInt.of(earlyStopping.bestEpoch()) : history.bestEpoch();
        TrainingResult result = new TrainingResult(net, history, stopReason, reasonText, best,
                (System.nanoTime() - start) / 1e9, trainingNanos / 1e9, imagesTrained);
        config.listeners().forEach(l -> l.onTrainingEnd(result));
        return result;
    }

    private void stop(StopReason reason, String text) {
        this.stopReason = reason;
        this.reasonText = text;
    }

    private void trainEpoch(int epoch, BatchIterator batches,
                            Collection<org.deeplearning4j.optimize.api.TrainingListener> dl4jListeners) {
        int perEpoch = batches.batchesPerEpoch();
        double lr = plateauRate * config.schedule().multiplier(epoch);
        FastLayers.setLearningRate(net, lr);
        net.getLayerWiseConfigurations().setEpochCount(epoch - 1);
        // Dropout masks come from ND4J's (per-thread) generator: seeding it per epoch makes every epoch reproducible
        // on its own, which is what lets a resumed run match an uninterrupted one.
        Nd4j.getRandom().setSeed(config.seed() + epoch - 1);
        batches.setEpoch(epoch - 1);
        dl4jListeners.forEach(l -> l.onEpochStart(net)); // the network's own listeners, as DL4J's fit(iterator) does
        EpochStart epochStart = new EpochStart(epoch, config.epochs(), perEpoch, train.size(), lr);
        config.listeners().forEach(l -> l.onEpochStart(epochStart));

        long t0 = System.nanoTime();
        double lossSum = 0;
        long seen = 0;
        long correct = 0;
        int batch = 0;
        while (batches.hasNext()) {
            if (stopSignal.getAsBoolean()) {
                trainingNanos += System.nanoTime() - t0;
                stop(StopReason.INTERRUPTED, String.format(Locale.ROOT,
                        "interrupted (%s) in epoch %d after batch %d of %d", stopCause.get(), epoch, batch, perEpoch));
                return;
            }
            DataSet ds = batches.next();
            batch++;
            probe.reset();
            fit(ds);
            release(trained, batches);
            trained = ds;
            double loss = net.score();
            try {
                guard.check(epoch, batch, perEpoch, loss, maxAbsWeight(), lr);
            } catch (TrainingDivergedException diverged) {
                throw diverged.withHistory(history);
            }
            long secondHalf = lastSplit ? split.secondHalfHits() : 0;
            long hits = probe.correct() >= 0 && secondHalf >= 0 ? probe.correct() + secondHalf
                    : AccuracyProbe.countCorrect(net.output(ds.getFeatures(), false), ds.getLabels());
            int n = ds.numExamples();
            lossSum += loss * n;
            seen += n;
            correct += hits;
            imagesTrained += n;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            BatchProgress progress = new BatchProgress(epoch, config.epochs(), batch, perEpoch, loss, lossSum / seen,
                    (double) correct / seen, seen, elapsed, elapsed > 0 ? seen / elapsed : 0);
            config.listeners().forEach(l -> l.onBatchEnd(progress));
        }
        trainingNanos += System.nanoTime() - t0;

        ValidationScore val = null;
        if (validation != null) {
            val = ValidationScore.evaluate(net, validation, config.validationBatchSize(), stopSignal);
            if (val == null) {
                stop(StopReason.INTERRUPTED, String.format(Locale.ROOT, "interrupted (%s) while validating epoch %d",
                        stopCause.get(), epoch));
                return;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochRecord record = endEpoch(epoch, lr, lossSum / seen, (double) correct / seen,
                val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.accuracy(), seconds);
        dl4jListeners.forEach(l -> l.onEpochEnd(net));
        config.listeners().forEach(l -> l.onEpochEnd(record));
        if (finished != null) {
            int waited = earlyStopping.waitCount();
            stop(StopReason.EARLY_STOPPING, String.format(Locale.ROOT,
                    "early stopping: %s did not improve for %d epoch%s", earlyStopping.settings().monitor(), waited,
                    waited == 1 ? "" : "s"));
        }
    }

    /**
     * Once the network has moved on to the next batch, hands a batch back to the iterator, whose later batches reuse
     * its memory, or else frees its native memory rather than waiting for the collector (a LeNet-5 batch of 64 is
     * about 200 KiB).
     */
    private static void release(DataSet ds, BatchIterator batches) {
        if (ds == null || batches.recycle(ds)) {
            return;
        }
        for (INDArray a : new INDArray[] {ds.getFeatures(), ds.getLabels(), ds.getFeaturesMaskArray(),
                ds.getLabelsMaskArray()}) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    private void fit(DataSet ds) {
        if (!firstBatch) {
            step(ds);
            return;
        }
        try {
            step(ds);
            firstBatch = false;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the network cannot train on %s (images %d×%d×%d, channels first, %d classes): %s. Build the "
                            + "network for this input shape and number of classes.", train.name(), train.channels(),
                    train.height(), train.width(), train.numClasses(), e.getMessage()), e);
        }
    }

    private void step(DataSet ds) {
        if (split != null) {
            lastSplit = split.fit(ds);
        } else {
            lastSplit = false;
            net.fit(ds);
        }
    }

    /** Early stopping, plateau, history and checkpoint at the end of an epoch. */
    private EpochRecord endEpoch(int epoch, double lr, double loss, double accuracy, double valLoss,
                                 double valAccuracy, double seconds) {
        EpochRecord provisional = new EpochRecord(epoch, loss, accuracy, valLoss, valAccuracy, lr, seconds, false);
        if (earlyStopping != null) {
            Metric monitor = earlyStopping.settings().monitor();
            EarlyStopping.Decision decision = earlyStopping.update(epoch, provisional.value(monitor));
            if (earlyStopping.settings().restoreBestWeights() && earlyStopping.bestEpoch() == epoch) {
                bestWeights = net.params().dup();
                bestWeightsEpoch = epoch;
                bestWeightsChanged = true;
            }
            if (decision == EarlyStopping.Decision.STOP) {
                finished = EARLY_STOPPING_FINISH;
            }
        }
        boolean reduced = false;
        if (plateau != null) {
            double next = plateau.update(provisional.value(plateau.settings().monitor()), lr);
            if (next < lr) {
                // kept relative to the schedule, so that schedule and plateau reductions compose
                plateauRate = next / config.schedule().multiplier(epoch);
                reduced = true;
            }
        }
        EpochRecord record = new EpochRecord(epoch, loss, accuracy, valLoss, valAccuracy, lr, seconds, reduced);
        history = history.append(record);
        if (checkpoint != null) {
            saveCheckpoint(epoch);
        }
        return record;
    }

    private void saveCheckpoint(int epoch) {
        TrainerState state = new TrainerState(epoch, config.seed(), finished, plateauRate, guard.referenceLoss(),
                guard.referenceWeight(), null, bestWeightsFile, bestWeightsEpoch,
                earlyStopping == null ? null : earlyStopping.state(), plateau == null ? null : plateau.state(),
                fingerprint, history);
        INDArray changed = bestWeightsChanged ? bestWeights : null;
        TrainerState[] committed = new TrainerState[1];
        deferringInterrupts(() -> committed[0] = checkpoint.save(net, changed, state));
        bestWeightsFile = committed[0].bestWeightsFile();
        bestWeightsChanged = false;
    }

    /**
     * Runs a file write with the thread's interrupt status held back: Java's file channels refuse to work on an
     * interrupted thread (and close themselves when interrupted mid-write), which would lose the epoch just
     * finished. A write broken by an interrupt is retried once; the interrupt is then re-asserted and honoured
     * between batches as usual.
     */
    private static void deferringInterrupts(Runnable write) {
        boolean interrupted = Thread.interrupted();
        try {
            write.run();
        } catch (UncheckedIOException e) {
            if (!(Thread.interrupted() || hasCause(e, ClosedByInterruptException.class))) {
                throw e;
            }
            interrupted = true;
            write.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
