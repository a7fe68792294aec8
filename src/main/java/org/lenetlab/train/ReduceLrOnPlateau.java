package org.lenetlab.train;

import java.util.Locale;
import java.util.Objects;

/**
 * Lowers the learning rate when a monitored metric stops improving: the decision logic of Keras'
 * {@code keras.callbacks.ReduceLROnPlateau}, without any network. Feed it one metric value per epoch with
 * {@link #update(double, double)} together with the learning rate in use; it returns the learning rate for the
 * next epoch.
 *
 * <h2>Semantics (identical to Keras)</h2>
 * <ul>
 *   <li><b>Improvement</b> in mode {@code min} means {@code value < best − minDelta}, in mode {@code max}
 *       {@code value > best + minDelta} (computed exactly so). NaN never improves.</li>
 *   <li>Each epoch: if in cooldown, the cooldown counter is decremented and the wait counter reset. Then, on an
 *       improvement, {@code best} is updated and {@code wait = 0}; otherwise, unless still in cooldown (the counter
 *       just decremented is still {@code > 0}), {@code wait} is incremented and, once {@code wait >= patience},
 *       the rate becomes {@code max(lr × factor, minLr)} — but only if {@code lr > minLr} — after which cooldown
 *       starts ({@code cooldown} epochs) and {@code wait} is reset.</li>
 *   <li>An epoch that ends the cooldown (counter 1 → 0) already counts towards the patience again.</li>
 * </ul>
 * Keras compares {@code lr > minLr} after rounding both to float32 (its learning rate is a float32 variable); here
 * the learning rate is a double and the comparison is done in double precision.
 *
 * <p>An instance is stateful and not thread-safe; {@link #state()} and {@link #restore(State)} carry the state
 * through a checkpoint.
 */
public final class ReduceLrOnPlateau {

    /**
     * Immutable settings, with Keras' defaults: factor 0.1, patience 10, minDelta 1e-4, cooldown 0, minLr 0. Start
     * with {@link #monitor(Metric)}: {@code ReduceLrOnPlateau.Settings.monitor(Metric.VAL_LOSS).factor(0.5)
     * .patience(2)}.
     *
     * @param monitor  the metric watched
     * @param mode     whether it should go down ({@code MIN}) or up ({@code MAX})
     * @param factor   multiplier applied to the learning rate, {@code 0 < factor < 1}
     * @param patience epochs without improvement before reducing, {@code >= 0}
     * @param minDelta smallest change that counts as an improvement, {@code >= 0}
     * @param cooldown epochs after a reduction during which the metric is not held against the rate, {@code >= 0}
     * @param minLr    the rate is never reduced below this, {@code >= 0}
     */
    public record Settings(Metric monitor, MonitorMode mode, double factor, int patience, double minDelta,
                           int cooldown, double minLr) {

        /**
         * Validates the settings.
         *
         * @param monitor  the metric watched
         * @param mode     its direction
         * @param factor   learning-rate multiplier, {@code 0 < factor < 1}
         * @param patience epochs without improvement before reducing, {@code >= 0}
         * @param minDelta smallest improvement, {@code >= 0}
         * @param cooldown epochs to wait after a reduction, {@code >= 0}
         * @param minLr    lower bound of the learning rate, {@code >= 0}
         * @throws IllegalArgumentException if a value is out of range (the message names it)
         */
        public Settings {
            Objects.requireNonNull(monitor, "reduce-LR-on-plateau needs a metric to monitor");
            Objects.requireNonNull(mode, "reduce-LR-on-plateau needs a mode (MIN or MAX)");
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("reduce-LR-on-plateau factor must be between 0 and 1 "
                        + "(exclusive), got " + factor + "; e.g. 0.1 divides the learning rate by 10");
            }
            if (patience < 0) {
                throw new IllegalArgumentException("reduce-LR-on-plateau patience must be 0 or more epochs, got "
                        + patience);
            }
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("reduce-LR-on-plateau minDelta must be a finite value >= 0, got "
                        + minDelta);
            }
            if (cooldown < 0) {
                throw new IllegalArgumentException("reduce-LR-on-plateau cooldown must be 0 or more epochs, got "
                        + cooldown);
            }
            if (!(minLr >= 0) || Double.isInfinite(minLr)) {
                throw new IllegalArgumentException("reduce-LR-on-plateau minLr must be a finite value >= 0, got "
                        + minLr);
            }
        }

        /**
         * @param metric the metric to watch; the mode follows it (min for losses, max for accuracies)
         * @return settings with Keras' defaults
         */
        public static Settings monitor(Metric metric) {
            return new Settings(metric, metric.defaultMode(), 0.1, 10, 1e-4, 0, 0.0);
        }

        /**
         * @param value see {@link #mode()}
         * @return a copy with this value
         */
        public Settings mode(MonitorMode value) {
            return new Settings(monitor, value, factor, patience, minDelta, cooldown, minLr);
        }

        /**
         * @param value see {@link #factor()}
         * @return a copy with this value
         */
        public Settings factor(double value) {
            return new Settings(monitor, mode, value, patience, minDelta, cooldown, minLr);
        }

        /**
         * @param value see {@link #patience()}
         * @return a copy with this value
         */
        public Settings patience(int value) {
            return new Settings(monitor, mode, factor, value, minDelta, cooldown, minLr);
        }

        /**
         * @param value see {@link #minDelta()}
         * @return a copy with this value
         */
        public Settings minDelta(double value) {
            return new Settings(monitor, mode, factor, patience, value, cooldown, minLr);
        }

        /**
         * @param value see {@link #cooldown()}
         * @return a copy with this value
         */
        public Settings cooldown(int value) {
            return new Settings(monitor, mode, factor, patience, minDelta, value, minLr);
        }

        /**
         * @param value see {@link #minLr()}
         * @return a copy with this value
         */
        public Settings minLr(double value) {
            return new Settings(monitor, mode, factor, patience, minDelta, cooldown, value);
        }

        /** @return every setting, exactly, e.g. {@code monitor=val_loss, mode=min, factor=0.1, ...} */
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "monitor=%s, mode=%s, factor=%s, patience=%d, minDelta=%s, cooldown=%d, minLr=%s",
                    monitor.key(), mode.key(), factor, patience, minDelta, cooldown, minLr);
        }
    }

    /**
     * The evolving part, for checkpoints.
     *
     * @param best            best value so far
     * @param waitCount       epochs without improvement counted so far (Keras' {@code wait})
     * @param cooldownCounter epochs of cooldown left
     */
    public record State(double best, int waitCount, int cooldownCounter) {
    }

    private final Settings settings;
    private double best;
    private int wait;
    private int cooldownCounter;

    /** @param settings what to monitor and how to reduce */
    public ReduceLrOnPlateau(Settings settings) {
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
     * @param value     the monitored metric's value in that epoch (NaN counts as no improvement)
     * @param currentLr the learning rate used in that epoch
     * @return the learning rate for the next epoch: {@code currentLr}, or the reduced rate
     * @throws IllegalArgumentException if {@code currentLr} is not a positive finite number
     */
    public double update(double value, double currentLr) {
        if (!(currentLr > 0) || Double.isInfinite(currentLr)) {
            throw new IllegalArgumentException("the current learning rate must be positive and finite, got "
                    + currentLr);
        }
        if (inCooldown()) {
            cooldownCounter--;
            wait = 0;
        }
        if (isImprovement(value)) {
            best = value;
            wait = 0;
        } else if (!inCooldown()) {
            wait++;
            if (wait >= settings.patience() && currentLr > settings.minLr()) {
                double reduced = Math.max(currentLr * settings.factor(), settings.minLr());
                cooldownCounter = settings.cooldown();
                wait = 0;
                return reduced;
            }
        }
        return currentLr;
    }

    private boolean isImprovement(double value) {
        return settings.mode() == MonitorMode.MIN
                ? value < best - settings.minDelta()
                : value > best + settings.minDelta();
    }

    /** @return whether the last reduction's cooldown is still running */
    public boolean inCooldown() {
        return cooldownCounter > 0;
    }

    /** @return the best value so far */
    public double best() {
        return best;
    }

    /** @return epochs without improvement counted so far (Keras' {@code wait}) */
    public int waitCount() {
        return wait;
    }

    /** @return epochs of cooldown left */
    public int cooldownCounter() {
        return cooldownCounter;
    }

    /** @return a snapshot of the evolving state */
    public State state() {
        return new State(best, wait, cooldownCounter);
    }

    /**
     * Continues from a saved state (when resuming a checkpoint).
     *
     * @param state a snapshot taken by {@link #state()}
     */
    public void restore(State state) {
        this.best = state.best();
        this.wait = state.waitCount();
        this.cooldownCounter = state.cooldownCounter();
    }
}
