package org.lenetlab.train;

import java.util.Locale;
import java.util.Objects;

/**
 * What a training history shows, in one sentence a notebook can print under its history plot: is the network
 * still improving, has validation levelled off, or is it overfitting — training loss still falling while the
 * validation loss climbs back up from its lowest point?
 *
 * <p>The rule, applied to the validation loss (the quantity the network is trained to lower, so the first to
 * show overfitting; accuracy only counts the arg-max and often stays flat while the loss rises):
 * <ul>
 *   <li>{@link Verdict#STILL_IMPROVING}: the lowest validation loss is at the last epoch — more epochs may help;</li>
 *   <li>{@link Verdict#OVERFITTING}: the lowest validation loss came earlier, validation loss has since risen by
 *       more than {@value #RISE_TOLERANCE_PERCENT} % of that lowest value, and training loss kept falling;</li>
 *   <li>{@link Verdict#LEVELLED_OFF}: otherwise — the lowest validation loss came earlier, but it has not clearly
 *       risen since (or training loss stopped falling too).</li>
 * </ul>
 *
 * <pre>{@code
 * TrainingResult result = trainer.fit(net, train, validation);
 * System.out.println(FitDiagnosis.of(result.history()));
 * // Overfitting: validation loss was lowest after epoch 6 (0.0412) and rose 35.0 % by epoch 20 (0.0556), while
 * // training loss fell from 0.0301 to 0.0043 (-85.7 %); validation accuracy went from 98.81 % to 98.92 % (+0.11 pts).
 * }</pre>
 *
 * @param verdict              the verdict
 * @param bestEpoch            the epoch with the lowest validation loss, from 1
 * @param lastEpoch            the last epoch of the history
 * @param bestValLoss          the lowest validation loss
 * @param lastValLoss          validation loss after the last epoch
 * @param trainLossAtBest      training loss of the best epoch
 * @param lastTrainLoss        training loss of the last epoch
 * @param valAccuracyAtBest    validation accuracy after the best epoch
 * @param lastValAccuracy      validation accuracy after the last epoch
 */
public record FitDiagnosis(Verdict verdict, int bestEpoch, int lastEpoch, double bestValLoss, double lastValLoss,
                           double trainLossAtBest, double lastTrainLoss, double valAccuracyAtBest,
                           double lastValAccuracy) {

    /** How much (in % of its lowest value) the validation loss must rise before a run counts as overfitting. */
    public static final double RISE_TOLERANCE_PERCENT = 5;

    /** The three things a history can show. */
    public enum Verdict {
        /** Validation loss is lowest at the last epoch: the network is still learning the task. */
        STILL_IMPROVING,
        /** Validation loss stopped falling but has not clearly risen. */
        LEVELLED_OFF,
        /** Training loss keeps falling while validation loss rises from its lowest point. */
        OVERFITTING
    }

    /**
     * @param history a history with validation metrics
     * @return the diagnosis
     * @throws IllegalArgumentException if the history is empty or has no validation loss
     */
    public static FitDiagnosis of(History history) {
        Objects.requireNonNull(history, "history");
        if (history.isEmpty()) {
            throw new IllegalArgumentException("the history has no epochs: train first");
        }
        if (!history.hasValidation()) {
            throw new IllegalArgumentException("diagnosing overfitting compares training with validation, but the "
                    + "history has no validation metrics: train with fit(net, train, validation)");
        }
        int best = history.bestEpoch(Metric.VAL_LOSS).orElseThrow(() -> new IllegalArgumentException(
                "no epoch of the history has a validation loss"));
        EpochRecord atBest = history.epoch(best);
        EpochRecord last = history.last();
        Verdict verdict;
        if (best == last.epoch()) {
            verdict = Verdict.STILL_IMPROVING;
        } else if (last.valLoss() > atBest.valLoss() * (1 + RISE_TOLERANCE_PERCENT / 100)
                && last.loss() < atBest.loss()) {
            verdict = Verdict.OVERFITTING;
        } else {
            verdict = Verdict.LEVELLED_OFF;
        }
        return new FitDiagnosis(verdict, best, last.epoch(), atBest.valLoss(), last.valLoss(), atBest.loss(),
                last.loss(), atBest.valAccuracy(), last.valAccuracy());
    }

    /** @return how far validation loss rose after its lowest point, in % of that point (0 if it is the last) */
    public double valLossRisePercent() {
        return bestValLoss > 0 ? 100 * (lastValLoss - bestValLoss) / bestValLoss : 0;
    }

    /** @return how training loss changed from the best epoch to the last, in % (negative = still falling) */
    public double trainLossChangePercent() {
        return trainLossAtBest > 0 ? 100 * (lastTrainLoss - trainLossAtBest) / trainLossAtBest : 0;
    }

    /** @return validation accuracy after the last epoch minus after the best epoch, in percentage points */
    public double valAccuracyChangePoints() {
        return 100 * (lastValAccuracy - valAccuracyAtBest);
    }

    /** @return the diagnosis as one or two sentences with the figures behind it */
    @Override
    public String toString() {
        return switch (verdict) {
            case STILL_IMPROVING -> String.format(Locale.ROOT,
                    "Still improving: validation loss is lowest after the last epoch, %d (%.4f, validation accuracy "
                            + "%.2f %%). The network has not started to overfit yet; more epochs may still help.",
                    lastEpoch, lastValLoss, 100 * lastValAccuracy);
            case OVERFITTING -> String.format(Locale.ROOT,
                    "Overfitting: validation loss was lowest after epoch %d (%.4f) and rose %.1f %% by epoch %d "
                            + "(%.4f), while training loss fell from %.4f to %.4f (%+.1f %%); validation accuracy went "
                            + "from %.2f %% to %.2f %% (%+.2f pts). The network keeps fitting its training images "
                            + "better without getting better at new ones: the weights of epoch %d are the ones to "
                            + "keep.",
                    bestEpoch, bestValLoss, valLossRisePercent(), lastEpoch, lastValLoss, trainLossAtBest,
                    lastTrainLoss, trainLossChangePercent(), 100 * valAccuracyAtBest, 100 * lastValAccuracy,
                    valAccuracyChangePoints(), bestEpoch);
            case LEVELLED_OFF -> String.format(Locale.ROOT,
                    "Levelled off: validation loss was lowest after epoch %d (%.4f) and was %.4f (%+.1f %%) at "
                            + "epoch %d; training loss went from %.4f to %.4f (%+.1f %%) and validation accuracy "
                            + "from %.2f %% to %.2f %% (%+.2f pts). More epochs buy little here.",
                    bestEpoch, bestValLoss, lastValLoss, valLossRisePercent(), lastEpoch, trainLossAtBest,
                    lastTrainLoss, trainLossChangePercent(), 100 * valAccuracyAtBest, 100 * lastValAccuracy,
                    valAccuracyChangePoints());
        };
    }
}
