package org.lenetlab.train;

import java.util.Locale;

/**
 * How the learning rate changes from epoch to epoch: constant, step decay or exponential decay. Immutable and free
 * of DL4J; the {@link Trainer} evaluates it at the start of every epoch and sets the result on the network.
 *
 * <p>Epochs count from 1; in epoch 1 every schedule gives the base rate.
 */
public final class LearningRateSchedule {

    /** The shape of the schedule. */
    public enum Kind {
        /** The base rate throughout. */
        CONSTANT,
        /** Multiplied by {@code factor} every {@code every} epochs. */
        STEP_DECAY,
        /** Multiplied by {@code factor} every epoch. */
        EXPONENTIAL
    }

    private static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Kind.CONSTANT, 1.0, 1);

    private final Kind kind;
    private final double factor;
    private final int every;

    private LearningRateSchedule(Kind kind, double factor, int every) {
        this.kind = kind;
        this.factor = factor;
        this.every = every;
    }

    /** @return the base rate in every epoch */
    public static LearningRateSchedule constant() {
        return CONSTANT;
    }

    /**
     * @param factor      multiplier applied at each step, in (0, 1], e.g. 0.5
     * @param everyEpochs epochs between steps, {@code >= 1}
     * @return {@code rate(e) = base × factor^⌊(e − 1) / everyEpochs⌋}
     */
    public static LearningRateSchedule stepDecay(double factor, int everyEpochs) {
        checkFactor(factor);
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("step decay needs at least 1 epoch between steps, got " + everyEpochs);
        }
        return new LearningRateSchedule(Kind.STEP_DECAY, factor, everyEpochs);
    }

    /**
     * @param gamma multiplier applied every epoch, in (0, 1], e.g. 0.95
     * @return {@code rate(e) = base × gamma^(e − 1)}
     */
    public static LearningRateSchedule exponential(double gamma) {
        checkFactor(gamma);
        return new LearningRateSchedule(Kind.EXPONENTIAL, gamma, 1);
    }

    private static void checkFactor(double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("a decay factor must be in (0, 1], got " + factor
                    + "; e.g. 0.5 halves the learning rate");
        }
    }

    /** @return the shape */
    public Kind kind() {
        return kind;
    }

    /** @return the decay multiplier (1 for constant) */
    public double factor() {
        return factor;
    }

    /** @return epochs between steps (step decay; 1 otherwise) */
    public int everyEpochs() {
        return every;
    }

    /**
     * @param epoch    the epoch, starting at 1
     * @param baseRate the optimiser's learning rate
     * @return the learning rate for that epoch
     */
    public double rate(int epoch, double baseRate) {
        return baseRate * multiplier(epoch);
    }

    /**
     * @param epoch the epoch, starting at 1
     * @return the factor the base rate is multiplied by in that epoch (exactly 1 in epoch 1 and for constant)
     */
    public double multiplier(int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs are counted from 1, got " + epoch);
        }
        return switch (kind) {
            case CONSTANT -> 1.0;
            case STEP_DECAY -> Math.pow(factor, (epoch - 1) / every);
            case EXPONENTIAL -> Math.pow(factor, epoch - 1);
        };
    }

    /** @return e.g. {@code step-decay(factor=0.5, every=2)}, every parameter exactly */
    @Override
    public String toString() {
        return switch (kind) {
            case CONSTANT -> "constant";
            case STEP_DECAY -> String.format(Locale.ROOT, "step-decay(factor=%s, every=%d)", factor, every);
            case EXPONENTIAL -> String.format(Locale.ROOT, "exponential(gamma=%s)", factor);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningRateSchedule other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
