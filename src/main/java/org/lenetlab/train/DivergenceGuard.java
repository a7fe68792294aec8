package org.lenetlab.train;

import java.util.Locale;

/**
 * Detects a diverging run after every batch, without DL4J. The {@link Trainer} calls
 * {@link #check(int, int, int, double, double, double)} with the batch loss and the largest weight magnitude; it
 * throws {@link TrainingDivergedException} when
 * <ol>
 *   <li>the loss is NaN or infinite, or a weight is;</li>
 *   <li>the loss exceeds {@code factor × max(1, L₀)}, {@code L₀} being the loss of the run's first batch;</li>
 *   <li>the largest weight magnitude exceeds {@code factor × max(1, W₀)}, {@code W₀} being the largest weight
 *       magnitude before training ({@link #startWeights(double)}).</li>
 * </ol>
 * Rule 3 is what catches a too-large learning rate in a classifier: with ReLU units and DL4J's softmax
 * cross-entropy (whose per-image loss is clipped near 23) a huge step kills every unit, the weights jump to
 * 10¹⁰–10²⁰, and the loss stays finite and flat — it never becomes NaN. Healthy image classifiers keep their
 * weights within a few units. Rule 2 catches losses without such a ceiling (e.g. squared error). The floors of 1
 * keep a run that starts from tiny losses or weights from being stopped for ordinary fluctuations. The default
 * factor is 10⁴; {@code +∞} turns rules 2 and 3 off, rule 1 is always on.
 */
public final class DivergenceGuard {
    /** Default factor of rules 2 and 3. */
    public static final double DEFAULT_FACTOR = 1e4;

    private final double factor;
    private double referenceLoss = Double.NaN;
    private double referenceWeight = Double.NaN;

    /** @param factor how far losses and weights may grow over their starting values, {@code > 1}, or {@code +∞} */
    public DivergenceGuard(double factor) {
        if (!(factor > 1)) {
            throw new IllegalArgumentException("the divergence factor must be above 1 (or infinite to disable the "
                    + "explosion checks), got " + factor);
        }
        this.factor = factor;
    }

    /** @return the explosion factor */
    public double factor() {
        return factor;
    }

    /**
     * Records the largest weight magnitude before the first batch (a new run; a resumed run uses
     * {@link #restore(double, double)}).
     *
     * @param maxAbsWeight largest {@code |w|} of the untrained network
     */
    public void startWeights(double maxAbsWeight) {
        this.referenceWeight = maxAbsWeight;
    }

    /** @return the first batch's loss, or NaN before the first finite loss */
    public double referenceLoss() {
        return referenceLoss;
    }

    /** @return the largest weight magnitude before training, or NaN if not recorded */
    public double referenceWeight() {
        return referenceWeight;
    }

    /**
     * Continues with the references of an earlier session (when resuming).
     *
     * @param loss   the value {@link #referenceLoss()} had
     * @param weight the value {@link #referenceWeight()} had
     */
    public void restore(double loss, double weight) {
        this.referenceLoss = loss;
        this.referenceWeight = weight;
    }

    /** @return the loss above which a run counts as diverged ({@code +∞} before the first loss) */
    public double lossThreshold() {
        return Double.isNaN(referenceLoss) ? Double.POSITIVE_INFINITY : factor * Math.max(1.0, referenceLoss);
    }

    /** @return the weight magnitude above which a run counts as diverged ({@code +∞} if not recorded) */
    public double weightThreshold() {
        return Double.isNaN(referenceWeight) ? Double.POSITIVE_INFINITY : factor * Math.max(1.0, referenceWeight);
    }

    /**
     * Checks one batch.
     *
     * @param epoch        epoch, from 1
     * @param batch        batch in the epoch, from 1
     * @param batches      batches per epoch
     * @param loss         the batch loss
     * @param maxAbsWeight largest weight magnitude after the batch's update (0 to skip rule 3)
     * @param learningRate the learning rate in use (for the message)
     * @throws TrainingDivergedException if one of the rules fires
     */
    public void check(int epoch, int batch, int batches, double loss, double maxAbsWeight, double learningRate) {
        String what = null;
        if (Double.isNaN(loss) || Double.isInfinite(loss)) {
            what = Double.isNaN(loss) ? "the loss became NaN" : "the loss became infinite";
        } else if (Double.isNaN(maxAbsWeight) || Double.isInfinite(maxAbsWeight)) {
            what = Double.isNaN(maxAbsWeight) ? "a weight became NaN" : "a weight became infinite";
        } else if (loss > lossThreshold()) {
            what = String.format(Locale.ROOT,
                    "the loss %.4g exceeded %.4g (%.4g × the first batch's loss %.4g, floored at 1)", loss,
                    lossThreshold(), factor, referenceLoss);
        } else if (maxAbsWeight > weightThreshold()) {
            what = String.format(Locale.ROOT, "the largest weight magnitude reached %.4g, more than %.4g × its value "
                    + "before training (%.4g, floored at 1)", maxAbsWeight, factor, referenceWeight);
        }
        if (what != null) {
            throw new TrainingDivergedException(epoch, batch, batches, loss, learningRate, what, History.empty());
        }
        if (Double.isNaN(referenceLoss)) {
            referenceLoss = loss;
        }
    }
}
