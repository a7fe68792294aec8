package org.lenetlab.notebook;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

import org.lenetlab.kernel.OutputSink.Stream;

/**
 * What a person watching {@code ./lenet run} sees: the cells' output as it is written (unless quiet) and one line
 * per finished cell.
 */
final class ConsoleEcho {
    /** Shows nothing. */
    static final ConsoleEcho SILENT = new ConsoleEcho(null, null, true, false);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final boolean showRunning;
    private boolean atLineStart = true;
    /** A "running" line is on screen, to be overwritten by the cell's final line if nothing came between. */
    private boolean runningLineShown;
    /** For each updatable display (live training progress), how many of its finished lines are on screen. */
    private final Map<String, Integer> displayLinesShown = new HashMap<>();

    /**
     * @param out   the console's standard output (captured before any session redirects {@code System.out})
     * @param err   the console's standard error
     * @param quiet       whether to hide the cells' own output and show only the per-cell lines
     * @param showRunning whether to show which cell is running (for a terminal: the line is then overwritten)
     */
    ConsoleEcho(PrintStream out, PrintStream err, boolean quiet, boolean showRunning) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.showRunning = showRunning;
    }

    /** @param text the line for a cell that has just started, shown until the cell writes or ends */
    synchronized void running(String text) {
        if (out == null || !showRunning) {
            return;
        }
        if (!atLineStart) {
            out.println();
        }
        out.print(text);
        out.flush();
        atLineStart = false;
        runningLineShown = true;
    }

    synchronized void stream(Stream stream, String text) {
        // (what this prints cannot come back here: the kernel routes a sink's own printing to the real streams)
        if (quiet || out == null || text.isEmpty()) {
            return;
        }
        if (runningLineShown) {
            out.println();
            runningLineShown = false;
            atLineStart = true;
        }
        if (stream == Stream.STDOUT) {
            out.print(text);
            out.flush();
            atLineStart = text.endsWith("\n");
        } else {
            err.print(text);
            err.flush();
        }
    }

    /**
     * Echoes the finished lines of a display that is updated in place, such as the live training progress: a
     * display's text is its finished lines (one per epoch) and a last line that keeps changing (the running
     * batch). Each finished line is shown once, when it first appears, so that a long full-profile training cell
     * shows its epochs on the console as they end; the changing line is not shown.
     *
     * @param displayId the display's id
     * @param plainText its current plain-text rendering
     */
    synchronized void updatableDisplay(String displayId, String plainText) {
        int lastBreak = plainText.lastIndexOf('\n');
        if (lastBreak < 0) {
            displayLinesShown.putIfAbsent(displayId, 0);
            return;
        }
        String[] finished = plainText.substring(0, lastBreak).split("\n", -1);
        int shown = displayLinesShown.getOrDefault(displayId, 0);
        if (finished.length <= shown) {
            return;
        }
        StringBuilder fresh = new StringBuilder();
        for (int i = shown; i < finished.length; i++) {
            fresh.append(finished[i]).append('\n');
        }
        displayLinesShown.put(displayId, finished.length);
        stream(Stream.STDOUT, fresh.toString());
    }

    synchronized void line(String text) {
        if (out == null) {
            return;
        }
        if (runningLineShown) {
            out.print("\r\u001B[2K");
            runningLineShown = false;
        } else if (!atLineStart) {
            out.println();
        }
        out.println(text);
        out.flush();
        atLineStart = true;
    }
}
