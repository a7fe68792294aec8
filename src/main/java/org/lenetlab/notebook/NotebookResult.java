package org.lenetlab.notebook;

import java.time.Duration;
import java.util.Objects;

/**
 * What running one notebook gave.
 *
 * @param name          the notebook's name (its file name, for the index and messages)
 * @param notebook      the executed notebook: outputs and execution counts of the cells that ran, none for those
 *                      after a failure; the metadata's {@code lenetlab.run} records the status
 * @param status        how the run ended
 * @param codeCells     the number of code cells
 * @param executedCells the number of code cells that ran (including a failing one)
 * @param elapsed       wall time from starting the session to closing it
 * @param failure       where and why it stopped, {@code null} if it passed
 */
public record NotebookResult(String name, Notebook notebook, RunStatus status, int codeCells, int executedCells,
                             Duration elapsed, CellFailure failure) {

    /** Checks that failures and statuses agree. */
    public NotebookResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        if ((failure == null) != (status == RunStatus.PASSED || status == RunStatus.NOT_RUN)) {
            throw new IllegalArgumentException(status + " with failure " + failure);
        }
    }

    /**
     * @param name     the notebook's name
     * @param notebook the notebook as read
     * @return the result for a notebook that was not run
     */
    public static NotebookResult notRun(String name, Notebook notebook) {
        return new NotebookResult(name, notebook, RunStatus.NOT_RUN, notebook.codeCells().size(), 0, Duration.ZERO,
                null);
    }

    /** @return the wall time in seconds */
    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }
}
