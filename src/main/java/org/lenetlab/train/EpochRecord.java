package org.lenetlab.train;

/**
 * What one epoch of training produced, as Keras logs it.
 *
 * @param epoch        the epoch, starting at 1
 * @param loss         mean training loss over the epoch's batches, weighted by batch size (Keras' running mean)
 * @param accuracy     fraction of training images classified correctly during the epoch's batches, in [0, 1]
 * @param valLoss      loss on the validation set after the epoch, or NaN without a validation set
 * @param valAccuracy  accuracy on the validation set after the epoch, in [0, 1], or NaN without a validation set
 * @param learningRate the learning rate used throughout the epoch
 * @param seconds      wall-clock time of the epoch, training and validation
 * @param lrReduced    whether reduce-LR-on-plateau lowered the learning rate at the end of this epoch
 */
public record EpochRecord(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                          double learningRate, double seconds, boolean lrReduced) {

    /**
     * Validates the record.
     *
     * @param epoch        the epoch, from 1
     * @param loss         mean training loss
     * @param accuracy     training accuracy
     * @param valLoss      validation loss or NaN
     * @param valAccuracy  validation accuracy or NaN
     * @param learningRate learning rate of the epoch
     * @param seconds      duration of the epoch
     * @param lrReduced    whether the plateau rule lowered the rate after this epoch
     * @throws IllegalArgumentException if the epoch is below 1
     */
    public EpochRecord {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs are counted from 1, got " + epoch);
        }
    }

    /** @return whether validation metrics are present */
    public boolean hasValidation() {
        return !Double.isNaN(valLoss) || !Double.isNaN(valAccuracy);
    }

    /**
     * @param metric which quantity
     * @return its value in this epoch (NaN if absent)
     */
    public double value(Metric metric) {
        return switch (metric) {
            case LOSS -> loss;
            case ACCURACY -> accuracy;
            case VAL_LOSS -> valLoss;
            case VAL_ACCURACY -> valAccuracy;
        };
    }

    /**
     * @param other another record
     * @return whether both carry the same metrics, ignoring the timing (which never repeats exactly)
     */
    public boolean sameMetrics(EpochRecord other) {
        return other != null && epoch == other.epoch && Double.compare(loss, other.loss) == 0
                && Double.compare(accuracy, other.accuracy) == 0 && Double.compare(valLoss, other.valLoss) == 0
                && Double.compare(valAccuracy, other.valAccuracy) == 0
                && Double.compare(learningRate, other.learningRate) == 0 && lrReduced == other.lrReduced;
    }
}
