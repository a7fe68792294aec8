package org.lenetlab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a DL4J {@link MultiLayerNetwork} on an {@link ImageDataset}, epoch by epoch and batch by batch, the way
 * Keras' {@code model.fit} does, with everything a real training run needs:
 * <ul>
 *   <li>the {@linkplain Optimizer optimiser} of the {@link TrainingConfig} on every layer, and a per-epoch
 *       {@linkplain LearningRateSchedule learning-rate schedule};</li>
 *   <li><b>seeded determinism</b>: the shuffle of epoch {@code e} and ND4J's random numbers (dropout masks) are
 *       seeded from {@code (seed, e)}, so the same seed, data, network and settings give bit-identical weights;</li>
 *   <li>a {@link History} of training and validation loss and accuracy, learning rate and time per epoch;</li>
 *   <li>optional on-the-fly {@linkplain org.lenetlab.augment.Augmentation augmentation} of the training images
 *       (validation images are never augmented) and {@linkplain ClassWeights class weights} in the loss;</li>
 *   <li>{@linkplain EarlyStopping early stopping} and {@linkplain ReduceLrOnPlateau reduce-LR-on-plateau} with
 *       Keras' semantics;</li>
 *   <li>a {@linkplain Checkpoint checkpoint} after every epoch and {@link #resume} that ends with exactly the
 *       weights an uninterrupted run would have;</li>
 *   <li>{@linkplain DivergenceGuard divergence detection} after every batch;</li>
 *   <li>{@linkplain TrainingListener progress events}, and a clean stop between batches on
 *       {@link #requestStop()} or thread interruption.</li>
 * </ul>
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(TrainingConfig.builder().epochs(5).optimizer(Optimizer.adam(1e-3))
 *         .listener(new ConsoleProgressBar(System.out)).build());
 * TrainingResult result = trainer.fit(net, train, validation);
 * System.out.println(result.history());
 * }</pre>
 *
 * <p>A trainer runs one training at a time; {@link #requestStop()} may be called from any thread. The arrays of
 * each batch are reused for a later batch, or freed, once the network has trained on the next one, so a DL4J
 * listener that keeps a batch's input beyond that must copy it.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final Checkpoint.ModelWriter modelWriter;
    private volatile boolean stopRequested;

    /** @param config the settings of the runs */
    public Trainer(TrainingConfig config) {
        this(config, Checkpoint.DL4J_WRITER);
    }

    Trainer(TrainingConfig config, Checkpoint.ModelWriter modelWriter) {
        this.config = Objects.requireNonNull(config, "config");
        this.modelWriter = modelWriter;
    }

    /** @return the settings */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Asks the running training to stop after the current batch; the result then reports
     * {@link StopReason#INTERRUPTED} and keeps the history of the completed epochs. Safe to call from any thread
     * (e.g. a notebook's stop button). A request made while no training runs is forgotten when the next starts.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains without validation.
     *
     * @param net   the network (initialised or not)
     * @param train the training images
     * @return the outcome
     * @see #fit(MultiLayerNetwork, ImageDataset, ImageDataset)
     */
    public TrainingResult fit(MultiLayerNetwork net, ImageDataset train) {
        return fit(net, train, null);
    }

    /**
     * Trains {@code net} from its current weights for {@link TrainingConfig#epochs()} epochs. The configured
     * optimiser replaces the network's updaters (with fresh updater state) before the first batch.
     *
     * @param net        the network (initialised or not); trained in place and returned in the result
     * @param train      the training images
     * @param validation images evaluated after every epoch, or {@code null}
     * @return the outcome: history, why it stopped, timing
     * @throws IllegalArgumentException   if the data do not fit the network or each other, or a monitored metric
     *                                    needs a validation set that is missing
     * @throws IllegalStateException      if the checkpoint directory already holds a checkpoint (use
     *                                    {@link #resume} or {@link #fitOrResume})
     * @throws TrainingDivergedException  if the loss becomes NaN/infinite or explodes
     * @throws UncheckedIOException       if a checkpoint cannot be written
     */
    public TrainingResult fit(MultiLayerNetwork net, ImageDataset train, ImageDataset validation) {
        Backend.configure();
        Objects.requireNonNull(net, "net");
        if (!net.isInitCalled()) {
            net.init();
        }
        checkData(net, train, validation);
        config.checkpointDir().ifPresent(dir -> {
            if (Checkpoint.exists(dir)) {
                throw new IllegalStateException(dir + " already holds the checkpoint of a run (" + savedEpochs(dir)
                        + "). Continue it with resume(train, validation) or fitOrResume(net, train, validation), or "
                        + "choose an empty checkpoint directory (or delete this one) to start afresh.");
            }
        });
        config.optimizer().applyTo(net);
        config.classWeights().ifPresent(w -> w.applyTo(net));
        TrainingRun run = newRun(net, train, validation, fingerprint(net, train, validation));
        run.startFresh();
        return run.run();
    }

    /**
     * Continues the run saved in the configured checkpoint directory from its last complete epoch, up to
     * {@link TrainingConfig#epochs()} (which may be larger than when the run started). The result is the same, to
     * the last bit, as if the run had never been interrupted. A run that early stopping ended, or that has already
     * reached the configured epochs, is not trained further: its result is returned at once.
     *
     * @param train      the same training images as the original run
     * @param validation the same validation images as the original run, or {@code null} if it had none
     * @return the outcome; the history includes the epochs of the earlier sessions
     * @throws IllegalStateException     if no checkpoint directory is configured
     * @throws IllegalArgumentException  if a setting, the data or the network differ from the checkpoint's (the
     *                                   message names each difference)
     * @throws UncheckedIOException      if the checkpoint is missing or damaged, or cannot be written
     * @throws TrainingDivergedException if the loss diverges
     */
    public TrainingResult resume(ImageDataset train, ImageDataset validation) {
        return resume(train, validation, null);
    }

    /**
     * Resumes the run in the checkpoint directory if there is one, else starts a new run with {@code net} — so a
     * notebook cell can simply be re-run after a crash or a restart.
     *
     * @param net        the network for a new run; when resuming it must have the same architecture as the
     *                   checkpoint's, whose weights are used instead
     * @param train      the training images
     * @param validation images evaluated after every epoch, or {@code null}
     * @return the outcome
     * @see #fit(MultiLayerNetwork, ImageDataset, ImageDataset)
     * @see #resume(ImageDataset, ImageDataset)
     */
    public TrainingResult fitOrResume(MultiLayerNetwork net, ImageDataset train, ImageDataset validation) {
        Objects.requireNonNull(net, "net");
        if (config.checkpointDir().map(Checkpoint::exists).orElse(false)) {
            if (!net.isInitCalled()) {
                net.init();
            }
            return resume(train, validation, describeNetwork(net));
        }
        return fit(net, train, validation);
    }

    private TrainingResult resume(ImageDataset train, ImageDataset validation, String expectedNetwork) {
        Backend.configure();
        Path dir = config.checkpointDir().orElseThrow(() -> new IllegalStateException("resume needs the checkpoint "
                + "directory of the run: set it with TrainingConfig.builder().checkpointDir(...)"));
        TrainerState saved;
        MultiLayerNetwork net;
        INDArray bestWeights;
        try {
            saved = Checkpoint.readState(dir);
            net = Checkpoint.loadNetwork(dir, saved);
            bestWeights = Checkpoint.readBestWeights(dir, saved);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        checkData(net, train, validation);
        config.classWeights().ifPresent(w -> w.applyTo(net));
        Map<String, String> now = fingerprint(net, train, validation);
        if (expectedNetwork != null) {
            now.put("network", expectedNetwork);
        }
        compareFingerprints(dir, saved.fingerprint(), now);
        TrainingRun run = newRun(net, train, validation, saved.fingerprint());
        run.restore(saved, bestWeights);
        return run.run();
    }

    private static String savedEpochs(Path dir) {
        try {
            int last = Checkpoint.lastEpoch(dir);
            return last == 1 ? "epoch 1 saved" : "epochs 1–" + last + " saved";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    // ---------------------------------------------------------------- checks and fingerprints

    private void checkData(MultiLayerNetwork net, ImageDataset train, ImageDataset validation) {
        Objects.requireNonNull(train, "train");
        if (train.size() == 0) {
            throw new IllegalArgumentException(train.name() + " is empty: there is nothing to train on");
        }
        int outputs = net.layerSize(net.getnLayers() - 1);
        if (outputs > 0 && outputs != train.numClasses()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the network's output layer has %d units but %s has %d classes; build the network with %d outputs",
                    outputs, train.name(), train.numClasses(), train.numClasses()));
        }
        if (validation != null) {
            if (validation.size() == 0) {
                throw new IllegalArgumentException(validation.name() + " is empty: pass null for no validation");
            }
            if (validation.channels() != train.channels() || validation.height() != train.height()
                    || validation.width() != train.width() || validation.numClasses() != train.numClasses()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the validation set %s (%d×%d×%d, %d classes) does not match the training set %s "
                                + "(%d×%d×%d, %d classes)", validation.name(), validation.channels(),
                        validation.height(), validation.width(), validation.numClasses(), train.name(),
                        train.channels(), train.height(), train.width(), train.numClasses()));
            }
        }
        config.classWeights().filter(w -> w.numClasses() != train.numClasses()).ifPresent(w -> {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the configuration has %d class weights but "
                    + "%s has %d classes: give one weight per class, e.g. ClassWeights.balanced(train)",
                    w.numClasses(), train.name(), train.numClasses()));
        });
        List<String> needy = new ArrayList<>();
        config.earlyStopping().filter(s -> s.monitor().needsValidation())
                .ifPresent(s -> needy.add("early stopping monitors " + s.monitor()));
        config.reduceLrOnPlateau().filter(s -> s.monitor().needsValidation())
                .ifPresent(s -> needy.add("reduce-LR-on-plateau monitors " + s.monitor()));
        if (validation == null && !needy.isEmpty()) {
            throw new IllegalArgumentException(String.join(" and ", needy) + ", which needs a validation set: pass one "
                    + "to fit(net, train, validation), or monitor Metric.LOSS instead");
        }
    }

    private Map<String, String> fingerprint(MultiLayerNetwork net, ImageDataset train, ImageDataset validation) {
        Map<String, String> f = new LinkedHashMap<>(config.fingerprint());
        f.put("training data", describeData(train));
        f.put("validation data", validation == null ? "none" : describeData(validation));
        f.put("network", describeNetwork(net));
        return f;
    }

    /** Size, shape and a checksum of every pixel and label: renaming a dataset does not matter, changing it does. */
    static String describeData(ImageDataset data) {
        CRC32 crc = new CRC32();
        float[] image = new float[data.imageLength()];
        ByteBuffer bytes = ByteBuffer.allocate(image.length * Float.BYTES + Integer.BYTES);
        for (int i = 0; i < data.size(); i++) {
            data.copyImage(i, image, 0);
            bytes.clear();
            bytes.asFloatBuffer().put(image);
            bytes.putInt(image.length * Float.BYTES, data.label(i));
            crc.update(bytes.array(), 0, bytes.capacity());
        }
        return String.format(Locale.ROOT, "%d images %d×%d×%d, %d classes, checksum %08x", data.size(),
                data.channels(), data.height(), data.width(), data.numClasses(), crc.getValue());
    }

    static String describeNetwork(MultiLayerNetwork net) {
        return net.getLayerWiseConfigurations().getConfs().stream()
                .map(c -> c.getLayer().getClass().getSimpleName()).collect(Collectors.joining(" > "))
                + String.format(Locale.ROOT, ", %d parameters", net.numParams());
    }

    private static void compareFingerprints(Path dir, Map<String, String> saved, Map<String, String> now) {
        Set<String> keys = new LinkedHashSet<>(saved.keySet());
        keys.addAll(now.keySet());
        List<String> differences = new ArrayList<>();
        for (String key : keys) {
            String was = saved.getOrDefault(key, "(not recorded)");
            String is = now.getOrDefault(key, "(not set)");
            if (!was.equals(is)) {
                differences.add(String.format(Locale.ROOT, "  %s: the checkpoint has %s, this trainer has %s", key, was,
                        is));
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("Cannot resume the run in " + dir + ": "
                    + (differences.size() == 1 ? "a setting differs" : differences.size() + " settings differ")
                    + " from the checkpoint's\n" + String.join("\n", differences)
                    + "\nResume with the original settings and data, or start a new run in an empty checkpoint "
                    + "directory.");
        }
    }

    // ---------------------------------------------------------------- the run

    private TrainingRun newRun(MultiLayerNetwork net, ImageDataset train, ImageDataset validation,
                               Map<String, String> fingerprint) {
        stopRequested = false;
        List<TrainingListener> listeners = TrainingProgress.listenersFor(config.listeners());
        TrainingConfig runConfig = listeners == config.listeners() ? config
                : config.toBuilder().listeners(listeners).build();
        return new TrainingRun(runConfig, net, train, validation, fingerprint, modelWriter,
                () -> stopRequested || Thread.currentThread().isInterrupted(),
                () -> Thread.currentThread().isInterrupted() ? "thread interrupted" : "stop requested");
    }
}
