package org.lenetlab.train;

/**
 * Follows a training run as it happens: progress bars, notebook widgets, loggers. All methods have empty
 * defaults, so an implementation overrides only what it needs. They are called on the training thread, between
 * batches; keep them quick (a slow listener slows training). An exception thrown by a listener aborts training.
 */
public interface TrainingListener {

    /**
     * An epoch starts.
     *
     * @param start the epoch number, its size and learning rate
     */
    default void onEpochStart(EpochStart start) {
    }

    /**
     * A batch has been trained.
     *
     * @param progress losses, running accuracy, throughput
     */
    default void onBatchEnd(BatchProgress progress) {
    }

    /**
     * An epoch has ended (validation done, checkpoint written).
     *
     * @param record the epoch's metrics, as they enter the {@link History}
     */
    default void onEpochEnd(EpochRecord record) {
    }

    /**
     * The run has ended: completed, stopped early or interrupted.
     *
     * @param result the outcome
     */
    default void onTrainingEnd(TrainingResult result) {
    }

    /**
     * The run has failed, e.g. with a {@link TrainingDivergedException}; the exception is thrown to the caller of
     * the trainer right after this call.
     *
     * @param error what went wrong
     */
    default void onTrainingFailed(RuntimeException error) {
    }
}
