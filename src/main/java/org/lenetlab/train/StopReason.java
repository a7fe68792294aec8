package org.lenetlab.train;

/** Why a training run ended without an error. */
public enum StopReason {
    /** All configured epochs were trained. */
    COMPLETED,
    /** Early stopping saw no improvement for {@code patience} epochs. */
    EARLY_STOPPING,
    /** The thread was interrupted or {@link Trainer#requestStop()} was called; stopped between two batches. */
    INTERRUPTED
}
