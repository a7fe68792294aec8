package org.lenetlab.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * Receives what a running cell shows, while it runs: the Jupyter kernel forwards it to the front end, the notebook
 * runner writes it into the executed notebook. Calls may come from any thread (a cell's background threads print
 * too); implementations are thread-safe.
 */
public interface OutputSink {

    /**
     * Text the cell wrote to a standard stream.
     *
     * @param stream which stream
     * @param text   the text, possibly a partial line
     */
    void stream(Stream stream, String text);

    /**
     * A new display ({@code display(obj)}); if {@code data} has a display id, later {@link #updateDisplay} calls
     * with the same id replace it in place.
     *
     * @param data the rendered object
     */
    void display(DisplayData data);

    /**
     * Replaces the display that was shown with {@code data.getDisplayId()}.
     *
     * @param data the new rendering, carrying the display id of the one it replaces
     */
    void updateDisplay(DisplayData data);

    /** The two standard streams, named as Jupyter names them. */
    enum Stream {
        /** {@code System.out}. */
        STDOUT("stdout"),
        /** {@code System.err}. */
        STDERR("stderr");

        private final String jupyterName;

        Stream(String jupyterName) {
            this.jupyterName = jupyterName;
        }

        /** @return {@code stdout} or {@code stderr} */
        public String jupyterName() {
            return jupyterName;
        }
    }
}
