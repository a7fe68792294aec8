package org.lenetlab.train;

import java.util.Locale;
import java.util.Objects;

/**
 * How far a run overfits: training against validation accuracy and loss at one epoch, by default the epoch with
 * the lowest validation loss (the weights one would keep). A large positive {@link #accuracyGap()} (training
 * accuracy above validation accuracy) or {@link #lossGap()} (validation loss above training loss) means the network
 * learned its training images rather than the task.
 *
 * <p>The training figures are the {@link History}'s, i.e. Keras' running means over the epoch's batches, measured
 * with dropout active and on augmented images if augmentation was on; they understate the fit a little, so a gap
 * near zero or slightly negative is normal for a well-regularised run.
 *
 * <pre>{@code
 * for (Regularization r : presets) {
 *     TrainingResult result = trainer.fit(r.applyTo(ModernLeNet.builder()).build().network(), train, val);
 *     System.out.println(r + ": " + GeneralisationGap.of(result.history()));
 * }
 * }</pre>
 *
 * @param epoch         the epoch compared, from 1
 * @param trainLoss     mean training loss of that epoch
 * @param valLoss       validation loss after that epoch
 * @param trainAccuracy training accuracy of that epoch
 * @param valAccuracy   validation accuracy after that epoch
 */
public record GeneralisationGap(int epoch, double trainLoss, double valLoss, double trainAccuracy,
                                double valAccuracy) {

    /**
     * The gap at the epoch with the lowest validation loss.
     *
     * @param history a history with validation metrics
     * @return the gap
     * @throws IllegalArgumentException if the history is empty or has no validation metrics
     */
    public static GeneralisationGap of(History history) {
        return of(history, Metric.VAL_LOSS);
    }

    /**
     * The gap at the epoch where {@code metric} is best.
     *
     * @param history a history with validation metrics
     * @param metric  what "best" means, e.g. {@link Metric#VAL_ACCURACY}
     * @return the gap
     * @throws IllegalArgumentException if the history is empty or has no validation metrics
     */
    public static GeneralisationGap of(History history, Metric metric) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(metric, "metric");
        checkValidation(history);
        int best = history.bestEpoch(metric).orElseThrow(() -> new IllegalArgumentException(
                "no epoch of the history has a value for " + metric.key()));
        return atEpoch(history, best);
    }

    /**
     * The gap at the best epoch of a run (the early-stopping best, else the lowest validation loss).
     *
     * @param result a finished run that had a validation set
     * @return the gap
     * @throws IllegalArgumentException if the run had no validation set or no epoch
     */
    public static GeneralisationGap of(TrainingResult result) {
        Objects.requireNonNull(result, "result");
        checkValidation(result.history());
        return result.bestEpoch().isPresent() ? atEpoch(result.history(), result.bestEpoch().getAsInt())
                : of(result.history());
    }

    /**
     * The gap at a given epoch.
     *
     * @param history a history with validation metrics
     * @param epoch   the epoch, from 1
     * @return the gap
     * @throws IllegalArgumentException if the epoch is not in the history or has no validation metrics
     */
    public static GeneralisationGap atEpoch(History history, int epoch) {
        checkValidation(history);
        if (epoch < 1 || epoch > history.size()) {
            throw new IllegalArgumentException("epoch " + epoch + " is not in the history (epochs 1.."
                    + history.size() + ")");
        }
        EpochRecord r = history.epoch(epoch);
        if (!r.hasValidation()) {
            throw new IllegalArgumentException("epoch " + epoch + " has no validation metrics");
        }
        return new GeneralisationGap(epoch, r.loss(), r.valLoss(), r.accuracy(), r.valAccuracy());
    }

    private static void checkValidation(History history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("the history has no epochs: train first");
        }
        if (!history.hasValidation()) {
            throw new IllegalArgumentException("the generalisation gap compares training with validation, but the "
                    + "history has no validation metrics: train with fit(net, train, validation)");
        }
    }

    /** @return training accuracy minus validation accuracy (positive when overfitting) */
    public double accuracyGap() {
        return trainAccuracy - valAccuracy;
    }

    /** @return validation loss minus training loss (positive when overfitting) */
    public double lossGap() {
        return valLoss - trainLoss;
    }

    /** @return e.g. {@code epoch 7: accuracy 99.10 % train vs 97.80 % val (gap +1.30 pts), loss 0.0312 vs 0.0815 (gap +0.0503)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "epoch %d: accuracy %.2f %% train vs %.2f %% val (gap %+.2f pts), loss %.4f vs %.4f (gap %+.4f)",
                epoch, trainAccuracy * 100, valAccuracy * 100, accuracyGap() * 100, trainLoss, valLoss, lossGap());
    }
}
