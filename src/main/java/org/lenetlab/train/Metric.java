package org.lenetlab.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A per-epoch quantity of the {@link History}, named as Keras names it in its logs. */
public enum Metric {
    /** Mean training loss over the epoch's batches. */
    LOSS("loss", MonitorMode.MIN),
    /** Training accuracy over the epoch's batches. */
    ACCURACY("accuracy", MonitorMode.MAX),
    /** Loss on the validation set at the end of the epoch. */
    VAL_LOSS("val_loss", MonitorMode.MIN),
    /** Accuracy on the validation set at the end of the epoch. */
    VAL_ACCURACY("val_accuracy", MonitorMode.MAX);

    private final String key;
    private final MonitorMode defaultMode;

    Metric(String key, MonitorMode defaultMode) {
        this.key = key;
        this.defaultMode = defaultMode;
    }

    /** @return the Keras log key, e.g. {@code "val_loss"} */
    public String key() {
        return key;
    }

    /** @return the direction Keras' {@code mode="auto"} picks: {@code MIN} for losses, {@code MAX} for accuracies */
    public MonitorMode defaultMode() {
        return defaultMode;
    }

    /** @return whether the metric exists only when training is given a validation set */
    public boolean needsValidation() {
        return this == VAL_LOSS || this == VAL_ACCURACY;
    }

    /**
     * @param key a Keras log key such as {@code "val_loss"} (case-insensitive; {@code "acc"} and
     *            {@code "val_acc"} are accepted too)
     * @return the metric
     * @throws IllegalArgumentException naming the known keys if {@code key} is none of them
     */
    public static Metric fromKey(String key) {
        String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "acc":
                return ACCURACY;
            case "val_acc":
                return VAL_ACCURACY;
            default:
                for (Metric m : values()) {
                    if (m.key.equals(k)) {
                        return m;
                    }
                }
        }
        throw new IllegalArgumentException("Unknown metric '" + key + "'; use one of "
                + Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return key;
    }
}
