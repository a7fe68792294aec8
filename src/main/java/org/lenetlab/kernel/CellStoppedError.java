package org.lenetlab.kernel;

/**
 * Unwinds an interrupted cell on Java 20+ (see {@link StopSignal}). An {@code Error}, so that the usual
 * {@code catch (Exception e)} in notebook code does not swallow it.
 */
final class CellStoppedError extends Error {
    private static final long serialVersionUID = 1L;

    CellStoppedError() {
        super("cell interrupted", null, false, false);
    }
}
