package org.lenetlab.train;

import java.util.Locale;

/**
 * Detects a diverging run from its batch losses, without DL4J. After every batch the {@link Trainer} calls
 * {@link #check(int, int, int, double, double)}, which throws {@link TrainingDivergedException} when
 * <ul>
 *   <li>the loss is NaN or infinite, or</li>
 *   <li>the loss exceeds {@code factor × max(1, L₀)}, where {@code L₀} is the loss of the run's very first batch.
 *       The floor of 1 keeps a run that starts from an already well-trained network (tiny {@code L₀}) from being
 *       stopped for ordinary fluctuations. With the default factor 10⁴ and a 10-class cross-entropy starting
 *       near ln 10 ≈ 2.3, the threshold is about 23,000 — a loss no healthy run reaches (DL4J's softmax
 *       cross-entropy cannot even exceed about 23 per image, so there divergence shows up as NaN).</li>
 * </ul>
 * A factor of {@code +∞} turns the explosion rule off; the NaN rule is always on.
 */
public final class DivergenceGuard {
    /** Default explosion factor. */
    public static final double DEFAULT_FACTOR = 1e4;

    private final double factor;
    private double reference = Double.NaN;

    /** @param factor how many times the first loss (floored at 1) a loss may reach, {@code > 1}, or {@code +∞} */
    public DivergenceGuard(double factor) {
        if (!(factor > 1)) {
            throw new IllegalArgumentException("the divergence factor must be above 1 (or infinite to disable the "
                    + "explosion check), got " + factor);
        }
        this.factor = factor;
    }

    /** @return the explosion factor */
    public double factor() {
        return factor;
    }

    /** @return the first batch's loss the threshold is derived from, or NaN before the first finite loss */
    public double referenceLoss() {
        return reference;
    }

    /**
     * Continues with the reference loss of an earlier session (when resuming).
     *
     * @param referenceLoss the value {@link #referenceLoss()} had
     */
    public void restore(double referenceLoss) {
        this.reference = referenceLoss;
    }

    /** @return the loss above which a run counts as diverged ({@code +∞} before the first loss) */
    public double threshold() {
        return Double.isNaN(reference) ? Double.POSITIVE_INFINITY : factor * Math.max(1.0, reference);
    }

    /**
     * Checks one batch loss.
     *
     * @param epoch        epoch, from 1
     * @param batch        batch in the epoch, from 1
     * @param batches      batches per epoch
     * @param loss         the batch loss
     * @param learningRate the learning rate in use (for the message)
     * @throws TrainingDivergedException if the loss is NaN, infinite or above {@link #threshold()}
     */
    public void check(int epoch, int batch, int batches, double loss, double learningRate) {
        if (Double.isNaN(loss) || Double.isInfinite(loss)) {
            throw new TrainingDivergedException(epoch, batch, batches, loss, learningRate,
                    Double.isNaN(loss) ? "the loss became NaN" : "the loss became infinite", History.empty());
        }
        if (Double.isNaN(reference)) {
            reference = loss;
            return;
        }
        double threshold = threshold();
        if (loss > threshold) {
            throw new TrainingDivergedException(epoch, batch, batches, loss, learningRate, String.format(Locale.ROOT,
                    "the loss %.4g exceeded %.4g (%.4g × the first batch's loss %.4g, floored at 1)", loss, threshold,
                    factor, reference), History.empty());
        }
    }
}
