package org.lenetlab.notebook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import org.lenetlab.kernel.OutputSink;

/**
 * Collects what a notebook's cells show into nbformat outputs, as a Jupyter front end would keep them: consecutive
 * writes to one stream merge into one output, and an update of a display id replaces every output shown with that
 * id in place, in whichever cell it is, so the saved notebook holds each display's final state. Output written
 * after a cell ended (from its background threads) goes to the last cell that started, as in Jupyter.
 */
final class OutputCollector implements OutputSink {
    private final List<List<Output>> outputs = new ArrayList<>();
    private final Map<String, List<Location>> displays = new HashMap<>();
    private final ConsoleEcho echo;
    private int current = -1;

    private record Location(int cell, int output) {
    }

    /**
     * @param cellCount the notebook's number of cells (of every type; outputs are kept by cell position)
     * @param echo      where stream output is echoed live
     */
    OutputCollector(int cellCount, ConsoleEcho echo) {
        for (int i = 0; i < cellCount; i++) {
            outputs.add(new ArrayList<>());
        }
        this.echo = echo;
    }

    /** @param cellIndex the position of the cell about to run; later output belongs to it */
    synchronized void begin(int cellIndex) {
        current = cellIndex;
        outputs.get(cellIndex).clear();
    }

    /**
     * @param cellIndex a cell position
     * @return the outputs collected for it so far
     */
    synchronized List<Output> outputsOf(int cellIndex) {
        return List.copyOf(outputs.get(cellIndex));
    }

    @Override
    public synchronized void stream(Stream stream, String text) {
        if (current < 0 || text == null || text.isEmpty()) {
            return;
        }
        List<Output> cell = outputs.get(current);
        String name = stream.jupyterName();
        if (!cell.isEmpty() && cell.get(cell.size() - 1) instanceof StreamOutput last && last.name().equals(name)) {
            cell.set(cell.size() - 1, new StreamOutput(name, StreamText.append(last.text(), text)));
        } else {
            cell.add(new StreamOutput(name, StreamText.collapse(text)));
        }
        echo.stream(stream, text);
    }

    @Override
    public synchronized void display(DisplayData data) {
        if (current < 0 || data == null) {
            return;
        }
        Rendering rendering = Rendering.of(data);
        List<Output> cell = outputs.get(current);
        cell.add(new DisplayOutput(rendering.data(), rendering.metadata()));
        remember(rendering.displayId(), new Location(current, cell.size() - 1));
        if (rendering.displayId() != null) {
            echo.updatableDisplay(rendering.displayId(), rendering.plainText());
        }
    }

    @Override
    public synchronized void updateDisplay(DisplayData data) {
        if (data == null) {
            return;
        }
        Rendering rendering = Rendering.of(data);
        // Jupyter front ends ignore updates for ids they never showed; so do we.
        for (Location location : displays.getOrDefault(rendering.displayId(), List.of())) {
            List<Output> cell = outputs.get(location.cell());
            Output replaced = cell.get(location.output());
            cell.set(location.output(), replaced instanceof ExecuteResultOutput result
                    ? new ExecuteResultOutput(result.executionCount(), rendering.data(), rendering.metadata())
                    : new DisplayOutput(rendering.data(), rendering.metadata()));
        }
        if (displays.containsKey(rendering.displayId())) {
            echo.updatableDisplay(rendering.displayId(), rendering.plainText());
        }
    }

    /**
     * Adds the value of the running cell's last expression.
     *
     * @param executionCount the cell's execution count
     * @param data           the rendered value; nothing is added for {@code null} or an empty rendering
     */
    synchronized void result(int executionCount, DisplayData data) {
        if (current < 0 || data == null) {
            return;
        }
        Rendering rendering = Rendering.of(data);
        if (rendering.data().isEmpty()) {
            return;
        }
        List<Output> cell = outputs.get(current);
        cell.add(new ExecuteResultOutput(executionCount, rendering.data(), rendering.metadata()));
        remember(rendering.displayId(), new Location(current, cell.size() - 1));
    }

    /** @param error why the running cell failed */
    synchronized void error(ErrorOutput error) {
        if (current >= 0) {
            outputs.get(current).add(error);
        }
    }

    private void remember(String displayId, Location location) {
        if (displayId != null) {
            displays.computeIfAbsent(displayId, id -> new ArrayList<>()).add(location);
        }
    }
}
