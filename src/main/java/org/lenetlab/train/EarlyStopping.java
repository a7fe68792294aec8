package org.lenetlab.train;

import java.util.Locale;
import java.util.Objects;

/**
 * Decides, epoch after epoch, whether training should stop because a monitored metric stopped improving. This is
 * the decision logic of Keras' {@code keras.callbacks.EarlyStopping} (Keras 3), without any network: feed it one
 * metric value per epoch with {@link #update(int, double)} and it answers {@link Decision#CONTINUE} or
 * {@link Decision#STOP}, keeping track of the best value and the epoch it was reached.
 *
 * <h2>Semantics (identical to Keras)</h2>
 * <ul>
 *   <li><b>Improvement</b> in mode {@code min} means {@code value < best − minDelta}, in mode {@code max}
 *       {@code value > best + minDelta}. The arithmetic is Keras' own: {@code value + minDelta < best} and
 *       {@code value − minDelta > best}, so results agree with Keras to the last bit. A value exactly
 *       {@code minDelta} better than the best is <em>not</em> an improvement; NaN never is.</li>
 *   <li>The wait counter is incremented every monitored epoch and reset to 0 on an improvement (with a
 *       {@linkplain Settings#baseline() baseline}: only on an improvement that also beats the baseline).
 *       Training stops when, after an epoch without improvement, {@code wait >= patience} — i.e. after
 *       {@code patience} consecutive epochs without improvement ({@code patience = 0}: at the first one) — but
 *       never at the very first epoch.</li>
 *   <li>With {@linkplain Settings#restoreBestWeights() restore best weights}, the first monitored epoch counts as
 *       best until something improves on it (Keras keeps its weights even if its value is NaN); at the end of
 *       training, early stop or not, the weights of {@link #bestEpoch()} are restored.</li>
 *   <li>The first {@linkplain Settings#startFromEpoch() startFromEpoch} epochs are a warm-up and are not
 *       monitored at all.</li>
 * </ul>
 *
 * <p><b>Epoch numbers</b> here start at 1, as the {@link History} and the progress output count them; Keras passes
 * 0-based indices to its callbacks. So Keras' "never at epoch index 0" is "never at epoch 1" here, and Keras'
 * {@code start_from_epoch=k} (skip indices {@code < k}) skips epochs {@code 1..k} here.
 *
 * <p>An instance is stateful and not thread-safe; {@link #state()} and {@link #restore(State)} carry the state
 * through a checkpoint.
 */
public final class EarlyStopping {

    /** What training should do after an epoch. */
    public enum Decision {
        /** Keep training. */
        CONTINUE,
        /** Stop training now. */
        STOP
    }

    /**
     * Immutable settings of early stopping, with Keras' defaults ({@code patience 0}, {@code minDelta 0}, no
     * baseline, no restore, no warm-up). Start with {@link #monitor(Metric)} and adjust with the {@code with}-style
     * methods of the same names: {@code EarlyStopping.Settings.monitor(Metric.VAL_LOSS).patience(3)
     * .minDelta(1e-3).restoreBestWeights(true)}.
     *
     * @param monitor            the metric watched
     * @param mode               whether it should go down ({@code MIN}) or up ({@code MAX})
     * @param patience           epochs without improvement tolerated before stopping, {@code >= 0}
     * @param minDelta           smallest change that counts as an improvement, {@code >= 0}
     * @param baseline           a value the metric must beat for the wait counter to reset, or NaN for none
     * @param restoreBestWeights whether to put back the weights of the best epoch at the end of training
     * @param startFromEpoch     number of warm-up epochs that are not monitored, {@code >= 0}
     */
    public record Settings(Metric monitor, MonitorMode mode, int patience, double minDelta, double baseline,
                           boolean restoreBestWeights, int startFromEpoch) {

        /**
         * Validates the settings.
         *
         * @param monitor            the metric watched
         * @param mode               its direction
         * @param patience           epochs without improvement tolerated, {@code >= 0}
         * @param minDelta           smallest improvement, {@code >= 0}
         * @param baseline           value to beat, or NaN
         * @param restoreBestWeights whether to restore the best epoch's weights
         * @param startFromEpoch     warm-up epochs, {@code >= 0}
         * @throws IllegalArgumentException if a value is out of range (the message names it)
         */
        public Settings {
            Objects.requireNonNull(monitor, "early stopping needs a metric to monitor");
            Objects.requireNonNull(mode, "early stopping needs a mode (MIN or MAX)");
            if (patience < 0) {
                throw new IllegalArgumentException("early stopping patience must be 0 or more epochs, got " + patience);
            }
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("early stopping minDelta must be a finite value >= 0, got "
                        + minDelta
                        + " (Keras silently uses its absolute value; here a negative delta is refused as a mistake)");
            }
            if (Double.isInfinite(baseline)) {
                throw new IllegalArgumentException("early stopping baseline must be finite (or NaN for none), got "
                        + baseline);
            }
            if (startFromEpoch < 0) {
                throw new IllegalArgumentException("early stopping startFromEpoch must be >= 0, got " + startFromEpoch);
            }
        }

        /**
         * @param metric the metric to watch; the mode follows it (min for losses, max for accuracies)
         * @return settings with Keras' defaults
         */
        public static Settings monitor(Metric metric) {
            return new Settings(metric, metric.defaultMode(), 0, 0.0, Double.NaN, false, 0);
        }

        /**
         * @param value see {@link #mode()}
         * @return a copy with this value
         */
        public Settings mode(MonitorMode value) {
            return new Settings(monitor, value, patience, minDelta, baseline, restoreBestWeights, startFromEpoch);
        }

        /**
         * @param value see {@link #patience()}
         * @return a copy with this value
         */
        public Settings patience(int value) {
            return new Settings(monitor, mode, value, minDelta, baseline, restoreBestWeights, startFromEpoch);
        }

        /**
         * @param value see {@link #minDelta()}
         * @return a copy with this value
         */
        public Settings minDelta(double value) {
            return new Settings(monitor, mode, patience, value, baseline, restoreBestWeights, startFromEpoch);
        }

        /**
         * @param value see {@link #baseline()}
         * @return a copy with this value
         */
        public Settings baseline(double value) {
            return new Settings(monitor, mode, patience, minDelta, value, restoreBestWeights, startFromEpoch);
        }

        /**
         * @param value see {@link #restoreBestWeights()}
         * @return a copy with this value
         */
        public Settings restoreBestWeights(boolean value) {
            return new Settings(monitor, mode, patience, minDelta, baseline, value, startFromEpoch);
        }

        /**
         * @param value see {@link #startFromEpoch()}
         * @return a copy with this value
         */
        public Settings startFromEpoch(int value) {
            return new Settings(monitor, mode, patience, minDelta, baseline, restoreBestWeights, value);
        }

        /** @return whether a baseline is set */
        public boolean hasBaseline() {
            return !Double.isNaN(baseline);
        }

        /** @return every setting, exactly, e.g. {@code monitor=val_loss, mode=min, patience=3, ...} */
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "monitor=%s, mode=%s, patience=%d, minDelta=%s, baseline=%s, restoreBestWeights=%s, "
                            + "startFromEpoch=%d",
                    monitor.key(), mode.key(), patience, minDelta, hasBaseline() ? Double.toString(baseline) : "none",
                    restoreBestWeights, startFromEpoch);
        }
    }

    /**
     * The evolving part of early stopping, for checkpoints.
     *
     * @param best         best value so far ({@code ±∞} before the first improvement)
     * @param bestEpoch    epoch of the best value (or of the weights kept for restoring), 0 if none yet
     * @param waitCount    the wait counter (Keras' {@code wait})
     * @param stoppedEpoch epoch at which a stop was decided, 0 if none
     */
    public record State(double best, int bestEpoch, int waitCount, int stoppedEpoch) {
    }

    private final Settings settings;
    private double best;
    private int bestEpoch;
    private int wait;
    private int stoppedEpoch;

    /** @param settings what to monitor and how */
    public EarlyStopping(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.best = settings.mode().worst();
    }

    /** @return the settings */
    public Settings settings() {
        return settings;
    }

    /**
     * Takes the monitored value at the end of an epoch.
     *
     * @param epoch the epoch just finished, starting at 1
     * @param value the monitored metric's value in that epoch (NaN counts as no improvement)
     * @return whether to stop now
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    public Decision update(int epoch, double value) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs are counted from 1, got " + epoch);
        }
        if (epoch <= settings.startFromEpoch()) {
            return Decision.CONTINUE;
        }
        if (settings.restoreBestWeights() && bestEpoch == 0) {
            bestEpoch = epoch; // Keras: "if best weights were never set, the current weights are the best"
        }
        wait++;
        if (isImprovement(value, best)) {
            best = value;
            bestEpoch = epoch;
            if (!settings.hasBaseline() || isImprovement(value, settings.baseline())) {
                wait = 0;
            }
            return Decision.CONTINUE;
        }
        if (wait >= settings.patience() && epoch > 1) {
            stoppedEpoch = epoch;
            return Decision.STOP;
        }
        return Decision.CONTINUE;
    }

    private boolean isImprovement(double value, double reference) {
        return settings.mode() == MonitorMode.MIN
                ? value + settings.minDelta() < reference
                : value - settings.minDelta() > reference;
    }

    /** @return the best value so far ({@code +∞} in mode min, {@code −∞} in mode max before any improvement) */
    public double best() {
        return best;
    }

    /**
     * @return the epoch whose weights are the best so far (those restored at the end when restoring is on), or 0
     *     when no epoch qualifies yet
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** @return epochs counted since the last improvement (Keras' {@code wait}) */
    public int waitCount() {
        return wait;
    }

    /** @return the epoch at which {@link Decision#STOP} was returned, or 0 */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** @return a snapshot of the evolving state */
    public State state() {
        return new State(best, bestEpoch, wait, stoppedEpoch);
    }

    /**
     * Continues from a saved state (when resuming a checkpoint).
     *
     * @param state a snapshot taken by {@link #state()}
     */
    public void restore(State state) {
        this.best = state.best();
        this.bestEpoch = state.bestEpoch();
        this.wait = state.waitCount();
        this.stoppedEpoch = state.stoppedEpoch();
    }
}
