package org.lenetlab.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * How a cell ended.
 *
 * @param result the rendered value of the cell's last expression, {@code null} if it had none or failed
 * @param error  why it failed, {@code null} if it succeeded
 */
public record CellOutcome(DisplayData result, CellError error) {

    /** @return whether the cell ran to its end */
    public boolean ok() {
        return error == null;
    }
}
