package org.lenetlab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.lenetlab.augment.Augmentation;

/**
 * Everything a {@link Trainer} needs to know besides the network and the data: epochs, batch size, seed,
 * optimiser, learning-rate schedule, early stopping, reduce-LR-on-plateau, augmentation of the training images,
 * class weights, checkpoint directory and listeners.
 * Immutable; build one with {@link #builder()}:
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.builder()
 *         .epochs(10).batchSize(64).seed(42)
 *         .optimizer(Optimizer.sgdMomentum(0.01, 0.9))
 *         .schedule(LearningRateSchedule.stepDecay(0.5, 3))
 *         .earlyStopping(EarlyStopping.Settings.monitor(Metric.VAL_LOSS).patience(3).restoreBestWeights(true))
 *         .checkpointDir(Path.of("runs/lenet5"))
 *         .listener(new ConsoleProgressBar(System.out))
 *         .build();
 * }</pre>
 *
 * <p><b>Learning rate of an epoch</b>: {@code schedule.rate(epoch, optimizer.learningRate())} multiplied by the
 * reductions reduce-LR-on-plateau made so far. Its {@code minLr} bounds its own reductions; a decaying schedule
 * may still go lower.
 */
public final class TrainingConfig {
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final EarlyStopping.Settings earlyStopping;
    private final ReduceLrOnPlateau.Settings reduceLrOnPlateau;
    private final Path checkpointDir;
    private final List<TrainingListener> listeners;
    private final boolean shuffle;
    private final int validationBatchSize;
    private final double divergenceFactor;
    private final Augmentation augmentation;
    private final ClassWeights classWeights;

    private TrainingConfig(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.earlyStopping = b.earlyStopping;
        this.reduceLrOnPlateau = b.reduceLrOnPlateau;
        this.checkpointDir = b.checkpointDir;
        this.listeners = List.copyOf(b.listeners);
        this.shuffle = b.shuffle;
        this.validationBatchSize = b.validationBatchSize;
        this.divergenceFactor = b.divergenceFactor;
        this.augmentation = b.augmentation;
        this.classWeights = b.classWeights;
    }

    /** @return a builder with the defaults: 10 epochs, batch 64, seed 42, Adam 0.001, constant rate, shuffling */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder pre-filled with this configuration, to derive a variant */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.seed = seed;
        b.optimizer = optimizer;
        b.schedule = schedule;
        b.earlyStopping = earlyStopping;
        b.reduceLrOnPlateau = reduceLrOnPlateau;
        b.checkpointDir = checkpointDir;
        b.listeners.addAll(listeners);
        b.shuffle = shuffle;
        b.validationBatchSize = validationBatchSize;
        b.divergenceFactor = divergenceFactor;
        b.augmentation = augmentation;
        b.classWeights = classWeights;
        return b;
    }

    /** @return the last epoch to train (a resumed run continues up to it) */
    public int epochs() {
        return epochs;
    }

    /** @return images per training batch */
    public int batchSize() {
        return batchSize;
    }

    /** @return seed of the per-epoch shuffles and of ND4J's random numbers (dropout) */
    public long seed() {
        return seed;
    }

    /** @return the optimiser put on every layer */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the learning-rate schedule */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** @return early-stopping settings, if enabled */
    public Optional<EarlyStopping.Settings> earlyStopping() {
        return Optional.ofNullable(earlyStopping);
    }

    /** @return reduce-LR-on-plateau settings, if enabled */
    public Optional<ReduceLrOnPlateau.Settings> reduceLrOnPlateau() {
        return Optional.ofNullable(reduceLrOnPlateau);
    }

    /** @return where a checkpoint is written after every epoch, if anywhere */
    public Optional<Path> checkpointDir() {
        return Optional.ofNullable(checkpointDir);
    }

    /** @return the progress listeners, in call order */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /** @return whether the training set is shuffled every epoch */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return images per batch when evaluating the validation set */
    public int validationBatchSize() {
        return validationBatchSize;
    }

    /** @return the explosion factor of the {@link DivergenceGuard} */
    public double divergenceFactor() {
        return divergenceFactor;
    }

    /** @return the augmentation applied to training batches (never to validation), if any */
    public Optional<Augmentation> augmentation() {
        return Optional.ofNullable(augmentation);
    }

    /** @return the class weights put into the output layer's loss, if any */
    public Optional<ClassWeights> classWeights() {
        return Optional.ofNullable(classWeights);
    }

    /**
     * @param epoch epoch, from 1
     * @return the scheduled learning rate of that epoch, before any plateau reduction
     */
    public double scheduledLearningRate(int epoch) {
        return schedule.rate(epoch, optimizer.learningRate());
    }

    /**
     * The settings that shape the weights a run produces; a checkpoint may only be resumed with equal values.
     * Left out on purpose: the number of epochs (a run may be extended), the checkpoint directory and the
     * listeners. Augmentation and class weights appear only when set, so checkpoints written before they existed
     * still resume.
     *
     * @return setting name → exact value, in a fixed order
     */
    public Map<String, String> fingerprint() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("batch size", Integer.toString(batchSize));
        f.put("seed", Long.toString(seed));
        f.put("shuffle", Boolean.toString(shuffle));
        f.put("optimizer", optimizer.toString());
        f.put("learning-rate schedule", schedule.toString());
        f.put("early stopping", earlyStopping == null ? "off" : earlyStopping.toString());
        f.put("reduce LR on plateau", reduceLrOnPlateau == null ? "off" : reduceLrOnPlateau.toString());
        f.put("validation batch size", Integer.toString(validationBatchSize));
        f.put("divergence factor", Double.toString(divergenceFactor));
        if (augmentation != null) {
            f.put("augmentation", augmentation.toString());
        }
        if (classWeights != null) {
            f.put("class weights", classWeights.exact());
        }
        return f;
    }

    /** @return the settings, one per line */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "epochs                 %d%n", epochs));
        fingerprint().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-22s %s%n", k, v)));
        sb.append(String.format(Locale.ROOT, "%-22s %s%n", "checkpoint directory",
                checkpointDir == null ? "none" : checkpointDir.toString()));
        sb.append(String.format(Locale.ROOT, "%-22s %d", "listeners", listeners.size()));
        return sb.toString();
    }

    /** Collects the settings of a {@link TrainingConfig}. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 64;
        private long seed = 42;
        private Optimizer optimizer = Optimizer.adam(1e-3);
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private EarlyStopping.Settings earlyStopping;
        private ReduceLrOnPlateau.Settings reduceLrOnPlateau;
        private Path checkpointDir;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private boolean shuffle = true;
        private int validationBatchSize = 1024;
        private double divergenceFactor = DivergenceGuard.DEFAULT_FACTOR;
        private Augmentation augmentation;
        private ClassWeights classWeights;

        private Builder() {
        }

        /**
         * @param value augmentation applied on the fly to every training image (never to validation images), seeded
         *              from {@code (seed, epoch, image)}, e.g. {@code AugmentationChain.digits()}; {@code null} for
         *              none (default)
         * @return this builder
         */
        public Builder augmentation(Augmentation value) {
            this.augmentation = value;
            return this;
        }

        /**
         * @param value class weights for the loss, e.g. {@code ClassWeights.balanced(train)}; {@code null} leaves the
         *              network's loss as it is (default)
         * @return this builder
         */
        public Builder classWeights(ClassWeights value) {
            this.classWeights = value;
            return this;
        }

        /**
         * @param value number of epochs, {@code >= 1}
         * @return this builder
         */
        public Builder epochs(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("train for at least 1 epoch, got " + value);
            }
            this.epochs = value;
            return this;
        }

        /**
         * @param value images per batch, {@code >= 1} (typical: 32–128)
         * @return this builder
         */
        public Builder batchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("the batch size must be at least 1, got " + value);
            }
            this.batchSize = value;
            return this;
        }

        /**
         * @param value seed of shuffles and dropout
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param value the optimiser and base learning rate
         * @return this builder
         */
        public Builder optimizer(Optimizer value) {
            this.optimizer = Objects.requireNonNull(value, "optimizer");
            return this;
        }

        /**
         * @param value the per-epoch learning-rate schedule
         * @return this builder
         */
        public Builder schedule(LearningRateSchedule value) {
            this.schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        /**
         * @param value early-stopping settings, or {@code null} to switch it off
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping.Settings value) {
            this.earlyStopping = value;
            return this;
        }

        /**
         * @param value reduce-LR-on-plateau settings, or {@code null} to switch it off
         * @return this builder
         */
        public Builder reduceLrOnPlateau(ReduceLrOnPlateau.Settings value) {
            this.reduceLrOnPlateau = value;
            return this;
        }

        /**
         * @param value directory for per-epoch checkpoints (created if needed), or {@code null} for none
         * @return this builder
         */
        public Builder checkpointDir(Path value) {
            this.checkpointDir = value;
            return this;
        }

        /**
         * @param value a listener to add
         * @return this builder
         */
        public Builder listener(TrainingListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * @param values the listeners, replacing any added before
         * @return this builder
         */
        public Builder listeners(List<? extends TrainingListener> values) {
            this.listeners.clear();
            values.forEach(this::listener);
            return this;
        }

        /**
         * @param value whether to shuffle the training set every epoch (default true)
         * @return this builder
         */
        public Builder shuffle(boolean value) {
            this.shuffle = value;
            return this;
        }

        /**
         * @param value images per batch for validation, {@code >= 1} (default 1024; no gradients, so large is fine)
         * @return this builder
         */
        public Builder validationBatchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("the validation batch size must be at least 1, got " + value);
            }
            this.validationBatchSize = value;
            return this;
        }

        /**
         * @param value explosion factor of the {@link DivergenceGuard} (default 10⁴; {@code +∞} disables that rule)
         * @return this builder
         */
        public Builder divergenceFactor(double value) {
            new DivergenceGuard(value); // validates
            this.divergenceFactor = value;
            return this;
        }

        /** @return the configuration */
        public TrainingConfig build() {
            return new TrainingConfig(this);
        }
    }
}
