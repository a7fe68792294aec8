package org.lenetlab.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.lenetlab.train.LearningRateSchedule;
import org.lenetlab.train.Optimizer;

/**
 * The optimiser and learning-rate schedule of a benchmark run, the same on both sides: LeNet Lab's
 * {@link OurTimeToAccuracy} builds them from {@link #optimizer()} and {@link #schedule()}, the PyTorch peer script
 * from the {@link #id()} it is passed ({@code --recipe}). One-epoch runs ({@link OurEpoch}) always use {@link #ADAM}.
 */
public enum Recipe {
    /** Adam 1e-3 at a constant rate: the one-epoch benchmark's recipe. LeNet-5 peaks near 89.9 % with it. */
    ADAM("adam", "Adam 1e-3", Optimizer.adam(1e-3), LearningRateSchedule.constant()),
    /**
     * SGD with Nesterov momentum 0.9 from a rate of 0.05, halved every 5 epochs: LeNet-5 passes 90.4 % with it
     * (90.47 % after 18 epochs in BENCHMARKS.md's session 14, where no Adam schedule got past 90.24 %).
     */
    NESTEROV_STEP("nesterov-step", "SGD with Nesterov momentum 0.9, rate 0.05 halved every 5 epochs",
            Optimizer.sgdMomentum(0.05, 0.9), LearningRateSchedule.stepDecay(0.5, 5));

    private final String id;
    private final String description;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;

    Recipe(String id, String description, Optimizer optimizer, LearningRateSchedule schedule) {
        this.id = id;
        this.description = description;
        this.optimizer = optimizer;
        this.schedule = schedule;
    }

    /**
     * @param id a recipe's {@link #id()}, as {@code --recipe} takes it
     * @return that recipe
     * @throws IllegalArgumentException naming the value and the recipes there are
     */
    public static Recipe of(String id) {
        for (Recipe r : values()) {
            if (r.id.equals(id.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown recipe '" + id + "'; the recipes are: "
                + Arrays.stream(values()).map(Recipe::id).collect(Collectors.joining(", ")));
    }

    /** @return the name the command line and the peer script use */
    public String id() {
        return id;
    }

    /** @return the optimiser and schedule in words */
    public String description() {
        return description;
    }

    /** @return the optimiser, at the schedule's base rate */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return how the rate changes from epoch to epoch */
    public LearningRateSchedule schedule() {
        return schedule;
    }
}
