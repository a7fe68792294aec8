package org.lenetlab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A named set of regularisation settings — dropout per block, L2 weight decay, batch norm — that can be put on
 * any LeNet builder, so a notebook can loop over presets and overlay the histories:
 *
 * <pre>{@code
 * for (Regularization r : Regularization.presets()) {
 *     BuiltModel model = r.applyTo(ModernLeNet.builder().seed(7)).build();
 *     TrainingResult result = trainer.fit(model.network(), train, validation);
 *     System.out.println(r + ": " + GeneralisationGap.of(result.history()));
 * }
 * }</pre>
 *
 * <p>A preset describes the whole regularisation: applying {@link #none()} switches off dropout, L2 and batch norm
 * that the builder had. Presets combine with {@link #and(Regularization)} or the {@code with...} methods:
 * {@code Regularization.dropout(0.25).withL2(1e-4)}.
 *
 * <p>What each architecture takes:
 * <ul>
 *   <li>{@link ModernLeNet}: dropout after each block (conv blocks, then dense blocks; one rate for all or one per
 *       block), batch norm in each conv block, L2;</li>
 *   <li>{@link KerasLeNet}: dropout after pool1, pool2 and dense1 (one rate or three), batch norm after both
 *       convolutions, L2;</li>
 *   <li>{@link LeNet5}: dropout after S2, S4, C5 and F6 (one rate or four) and L2; batch norm is refused (the
 *       classic tanh network has no place for it — use ModernLeNet).</li>
 * </ul>
 * Immutable.
 */
public final class Regularization {
    private static final double[] NO_DROPOUT = {0};

    private final double[] dropout;
    private final double l2;
    private final boolean batchNorm;

    private Regularization(double[] dropout, double l2, boolean batchNorm) {
        this.dropout = dropout;
        this.l2 = l2;
        this.batchNorm = batchNorm;
    }

    /** @return no dropout, no L2, no batch norm: the baseline that overfits */
    public static Regularization none() {
        return new Regularization(NO_DROPOUT, 0, false);
    }

    /**
     * @param perBlock drop rate after every block (one value) or after each block; 0 = no dropout layer there
     * @return dropout only
     * @throws IllegalArgumentException if a rate is not in {@code [0, 1)}
     */
    public static Regularization dropout(double... perBlock) {
        return none().withDropout(perBlock);
    }

    /**
     * @param coefficient L2 penalty on the weights, e.g. {@code 1e-4}
     * @return L2 weight decay only
     * @throws IllegalArgumentException if negative or not finite
     */
    public static Regularization l2(double coefficient) {
        return none().withL2(coefficient);
    }

    /** @return batch norm in every conv block only */
    public static Regularization batchNorm() {
        return none().withBatchNorm(true);
    }

    /**
     * The presets the course compares: none, dropout 0.2, 0.25, 0.5, L2 1e-4, batch norm, and dropout 0.25 with
     * L2 1e-4 and with batch norm.
     *
     * @return the presets, baseline first
     */
    public static List<Regularization> presets() {
        List<Regularization> all = new ArrayList<>();
        all.add(none());
        all.add(dropout(0.2));
        all.add(dropout(0.25));
        all.add(dropout(0.5));
        all.add(l2(1e-4));
        all.add(batchNorm());
        all.add(dropout(0.25).withL2(1e-4));
        all.add(dropout(0.25).withBatchNorm(true));
        return List.copyOf(all);
    }

    /**
     * @param perBlock drop rates, one for all blocks or one per block
     * @return a copy with these rates
     * @throws IllegalArgumentException if a rate is not in {@code [0, 1)}
     */
    public Regularization withDropout(double... perBlock) {
        if (perBlock.length == 0) {
            throw new IllegalArgumentException("give at least one dropout rate (0 = none)");
        }
        for (double r : perBlock) {
            if (!(r >= 0 && r < 1)) {
                throw new IllegalArgumentException("Dropout rates must be at least 0 and below 1 (0 = no dropout), "
                        + "got " + Arrays.toString(perBlock));
            }
        }
        return new Regularization(perBlock.clone(), l2, batchNorm);
    }

    /**
     * @param coefficient L2 penalty on the weights, 0 for none
     * @return a copy with this coefficient
     * @throws IllegalArgumentException if negative or not finite
     */
    public Regularization withL2(double coefficient) {
        if (!(coefficient >= 0) || Double.isInfinite(coefficient)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The L2 coefficient must be a finite number of at least 0 (typically 1e-4), got %s", coefficient));
        }
        return new Regularization(dropout, coefficient, batchNorm);
    }

    /**
     * @param on batch norm in every conv block
     * @return a copy with this setting
     */
    public Regularization withBatchNorm(boolean on) {
        return new Regularization(dropout, l2, on);
    }

    /**
     * Combines two presets: every setting that {@code other} switches on wins, the rest is kept.
     *
     * @param other another preset
     * @return the combination, e.g. {@code dropout(0.25).and(l2(1e-4))}
     */
    public Regularization and(Regularization other) {
        Objects.requireNonNull(other, "other");
        return new Regularization(other.hasDropout() ? other.dropout : dropout, other.l2 > 0 ? other.l2 : l2,
                batchNorm || other.batchNorm);
    }

    /** @return the drop rates (one for all blocks, or one per block) */
    public double[] dropoutRates() {
        return dropout.clone();
    }

    /** @return whether any dropout rate is above 0 */
    public boolean hasDropout() {
        return Arrays.stream(dropout).anyMatch(r -> r > 0);
    }

    /** @return the L2 coefficient */
    public double l2Coefficient() {
        return l2;
    }

    /** @return whether conv blocks get batch norm */
    public boolean hasBatchNorm() {
        return batchNorm;
    }

    /**
     * Puts these settings on a builder, replacing its dropout, L2 and batch norm.
     *
     * @param builder a {@link ModernLeNet}, {@link KerasLeNet} or {@link LeNet5} builder
     * @param <B>     the builder type
     * @return the same builder, for chaining
     * @throws IllegalArgumentException if the builder cannot take a setting (batch norm on LeNet-5, a number of
     *                                  dropout rates that matches none of its block counts) or is of an unknown kind
     */
    public <B extends LeNetBuilder<B>> B applyTo(B builder) {
        Objects.requireNonNull(builder, "builder");
        builder.l2(l2);
        if (builder instanceof ModernLeNet m) {
            m.dropout(dropout).batchNorm(batchNorm);
        } else if (builder instanceof KerasLeNet k) {
            k.dropout(dropout).batchNorm(batchNorm);
        } else if (builder instanceof LeNet5 c) {
            if (batchNorm) {
                throw new IllegalArgumentException("classic LeNet-5 has no batch norm option (" + this + "): use "
                        + "ModernLeNet or KerasLeNet for batch norm, or a preset without it");
            }
            c.dropout(dropout);
        } else {
            throw new IllegalArgumentException("Regularization knows ModernLeNet, KerasLeNet and LeNet5, not "
                    + builder.getClass().getSimpleName() + "; set its options directly");
        }
        return builder;
    }

    /** @return a short label for legends, e.g. {@code dropout 0.25 + L2 1e-4}, or {@code none} */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (hasDropout()) {
            parts.add("dropout " + (dropout.length == 1 ? format(dropout[0])
                    : Arrays.stream(dropout).mapToObj(Regularization::format).reduce((a, b) -> a + "/" + b)
                            .orElse("")));
        }
        if (l2 > 0) {
            parts.add("L2 " + format(l2));
        }
        if (batchNorm) {
            parts.add("batch norm");
        }
        return parts.isEmpty() ? "none" : String.join(" + ", parts);
    }

    private static String format(double v) {
        String s = Double.toString(v);
        if (s.contains("E")) {
            return s.replace(".0E", "e").replace("E", "e");
        }
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Regularization r && Arrays.equals(dropout, r.dropout) && l2 == r.l2
                && batchNorm == r.batchNorm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(dropout), l2, batchNorm);
    }
}
