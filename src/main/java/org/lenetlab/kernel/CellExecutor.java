package org.lenetlab.kernel;

/**
 * Runs notebook cells one after another in one session (variables, methods and imports carry over). Shared by the
 * Jupyter kernel and the headless notebook runner, so a notebook behaves the same in both.
 */
public interface CellExecutor extends AutoCloseable {

    /**
     * Runs one cell (Java code and magics) to its end, sending its output to {@code sink} as it happens.
     *
     * @param source the cell's text
     * @param sink   where streams and displays go
     * @return the cell's value or error; never throws for a failing cell
     */
    CellOutcome execute(String source, OutputSink sink);

    /** Stops the running cell, if any, from another thread; the session keeps its state. */
    void interrupt();

    /** Ends the session and frees its resources. */
    @Override
    void close();
}
