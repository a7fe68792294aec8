package org.lenetlab.notebook;

import java.util.Locale;

/** How running a notebook ended. */
public enum RunStatus {
    /** Every code cell ran without error. */
    PASSED,
    /** A cell raised an error (or the session could not start); the cells after it did not run. */
    FAILED,
    /** A cell ran longer than the per-cell timeout and was interrupted; the cells after it did not run. */
    TIMED_OUT,
    /** The notebook was not run because an earlier one failed. */
    NOT_RUN;

    /** @return the status as shown in summaries: {@code passed}, {@code failed}, {@code timed out}, {@code not run} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** @return whether the notebook ran to its end */
    public boolean passed() {
        return this == PASSED;
    }
}
