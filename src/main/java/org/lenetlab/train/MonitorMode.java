package org.lenetlab.train;

/** Whether a monitored metric should go down (loss) or up (accuracy). */
public enum MonitorMode {
    /** Smaller is better, e.g. a loss. */
    MIN,
    /** Larger is better, e.g. an accuracy. */
    MAX;

    /** @return the value every number improves on: {@code +∞} for {@link #MIN}, {@code −∞} for {@link #MAX} */
    public double worst() {
        return this == MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** @return {@code "min"} or {@code "max"}, as Keras spells the mode */
    public String key() {
        return this == MIN ? "min" : "max";
    }
}
