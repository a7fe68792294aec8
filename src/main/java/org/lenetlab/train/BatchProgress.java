package org.lenetlab.train;

/**
 * A batch has been trained.
 *
 * @param epoch           the epoch, from 1
 * @param epochs          the last epoch of the run
 * @param batch           the batch just trained, from 1
 * @param batches         batches in this epoch
 * @param batchLoss       loss of this batch (before its update, as DL4J and Keras report it)
 * @param loss            mean loss over the epoch's batches so far, weighted by batch size
 * @param accuracy        fraction of the epoch's images so far classified correctly, in [0, 1]
 * @param images          images trained so far in this epoch
 * @param elapsedSeconds  seconds since the epoch started
 * @param imagesPerSecond training throughput so far in this epoch
 */
public record BatchProgress(int epoch, int epochs, int batch, int batches, double batchLoss, double loss,
                            double accuracy, long images, double elapsedSeconds, double imagesPerSecond) {

    /** @return the fraction of the epoch done, in (0, 1] */
    public double fraction() {
        return (double) batch / batches;
    }

    /** @return estimated seconds until the epoch's last batch is trained (validation not included) */
    public double etaSeconds() {
        return elapsedSeconds / batch * (batches - batch);
    }
}
