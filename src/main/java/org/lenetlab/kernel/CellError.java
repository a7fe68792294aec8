package org.lenetlab.kernel;

import java.util.List;

/**
 * Why a cell failed, in Jupyter's terms.
 *
 * @param name      the user's exception class ({@code ArithmeticException}), {@code CompilationException} for
 *                  javac errors, {@code Interrupted} for an interrupted cell
 * @param value     the message
 * @param traceback lines to show, without kernel frames
 */
public record CellError(String name, String value, List<String> traceback) {

    /** Copies the traceback. */
    public CellError {
        traceback = List.copyOf(traceback);
    }
}
