package org.lenetlab.train;

import java.util.Locale;

/**
 * Training was stopped because the loss or the weights became NaN or infinite or exploded far above their
 * starting values (see {@link DivergenceGuard}): the weights have blown up and further batches cannot recover.
 * The message names the epoch, the batch, the loss and the learning rate, and says what to try. The history of
 * the epochs completed before is kept ({@link #history()}); a checkpoint directory, if used, still holds the last
 * good epoch.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @serial epoch of the divergence, from 1 */
    private final int epoch;
    /** @serial batch of the divergence, from 1 */
    private final int batch;
    /** @serial batches per epoch */
    private final int batches;
    /** @serial the offending loss */
    private final double loss;
    /** @serial the learning rate in use */
    private final double learningRate;
    private final transient History history;

    /**
     * @param epoch        epoch in which it happened, from 1
     * @param batch        batch of that epoch, from 1
     * @param batches      batches per epoch
     * @param loss         the offending loss
     * @param learningRate the learning rate in use
     * @param what         what happened, e.g. {@code "the loss became NaN"}
     * @param history      epochs completed before (may be empty)
     */
    public TrainingDivergedException(int epoch, int batch, int batches, double loss, double learningRate, String what,
                                     History history) {
        super(String.format(Locale.ROOT,
                "Training diverged in epoch %d, batch %d of %d: %s (loss %.4g, learning rate %.3g). The weights have "
                        + "blown up. "
                        + "Try a smaller learning rate (e.g. %.3g, 10× lower), make sure the inputs are normalised "
                        + "(pixels scaled to [0, 1] or standardised) and check that the labels are correct class "
                        + "indices.",
                epoch, batch, batches, what, loss, learningRate, learningRate / 10));
        this.epoch = epoch;
        this.batch = batch;
        this.batches = batches;
        this.loss = loss;
        this.learningRate = learningRate;
        this.history = history == null ? History.empty() : history;
    }

    private TrainingDivergedException(TrainingDivergedException original, History history) {
        super(original.getMessage());
        this.epoch = original.epoch;
        this.batch = original.batch;
        this.batches = original.batches;
        this.loss = original.loss;
        this.learningRate = original.learningRate;
        this.history = history;
        setStackTrace(original.getStackTrace());
    }

    /** @return the epoch in which the loss diverged, from 1 */
    public int epoch() {
        return epoch;
    }

    /** @return the batch of that epoch, from 1 */
    public int batch() {
        return batch;
    }

    /** @return batches per epoch */
    public int batches() {
        return batches;
    }

    /** @return the offending loss (NaN, infinite or above the threshold) */
    public double loss() {
        return loss;
    }

    /** @return the learning rate in use */
    public double learningRate() {
        return learningRate;
    }

    /** @return the epochs completed before the divergence */
    public History history() {
        return history;
    }

    TrainingDivergedException withHistory(History h) {
        return new TrainingDivergedException(this, h);
    }
}
