package org.lenetlab.train;

import java.util.Locale;
import java.util.OptionalInt;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The outcome of a training run.
 *
 * @param network       the trained network (with the best weights put back when early stopping restored them)
 * @param history       all epochs of the run, including those of earlier sessions when resumed
 * @param stopReason    why training ended
 * @param reason        the same in words, e.g. {@code "early stopping: val_loss did not improve for 3 epochs"}
 * @param bestEpoch     the best epoch: early stopping's when configured, else the history's (lowest validation
 *                      loss, or training loss without validation)
 * @param seconds         wall-clock seconds of this session (not of earlier sessions when resumed), including
 *                        validation and checkpoints
 * @param trainingSeconds seconds of this session spent training batches
 * @param imagesTrained   training images processed in this session
 */
public record TrainingResult(MultiLayerNetwork network, History history, StopReason stopReason, String reason,
                             OptionalInt bestEpoch, double seconds, double trainingSeconds, long imagesTrained) {

    /** @return whether training ended before the configured number of epochs */
    public boolean stoppedEarly() {
        return stopReason != StopReason.COMPLETED;
    }

    /** @return the last epoch completed (0 if none) */
    public int finalEpoch() {
        return history.size();
    }

    /** @return the epoch whose weights were restored at the end, if any */
    public OptionalInt restoredEpoch() {
        return history.restoredEpoch();
    }

    /** @return training throughput of this session: images per second of batch training (0 if none) */
    public double imagesPerSecond() {
        return trainingSeconds > 0 ? imagesTrained / trainingSeconds : 0;
    }

    /** @return a one-line summary, e.g. {@code completed 10 epochs in 1m 02s (3,120 img/s), best epoch 9} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s after %d epoch%s in %s (%s img/s)%s%s", reason, finalEpoch(),
                finalEpoch() == 1 ? "" : "s", Format.duration(seconds), Format.count(imagesPerSecond()),
                bestEpoch.isPresent() ? ", best epoch " + bestEpoch.getAsInt() : "",
                restoredEpoch().isPresent() ? ", weights of epoch " + restoredEpoch().getAsInt() + " restored" : "");
    }
}
