package org.lenetlab.notebook;

import java.io.PrintStream;

import org.lenetlab.kernel.OutputSink.Stream;

/**
 * What a person watching {@code ./lenet run} sees: the cells' output as it is written (unless quiet) and one line
 * per finished cell.
 */
final class ConsoleEcho {
    /** Shows nothing. */
    static final ConsoleEcho SILENT = new ConsoleEcho(null, null, true);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private boolean atLineStart = true;
    /** Set while this thread echoes: if the console were itself routed back into the cell, stop the loop. */
    private final ThreadLocal<Boolean> echoing = ThreadLocal.withInitial(() -> false);

    /**
     * @param out   the console's standard output (captured before any session redirects {@code System.out})
     * @param err   the console's standard error
     * @param quiet whether to hide the cells' own output and show only the per-cell lines
     */
    ConsoleEcho(PrintStream out, PrintStream err, boolean quiet) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
    }

    synchronized void stream(Stream stream, String text) {
        if (quiet || out == null || text.isEmpty() || echoing.get()) {
            return;
        }
        echoing.set(true);
        try {
            if (stream == Stream.STDOUT) {
                out.print(text);
                out.flush();
                atLineStart = text.endsWith("\n");
            } else {
                err.print(text);
                err.flush();
            }
        } finally {
            echoing.set(false);
        }
    }

    synchronized void line(String text) {
        if (out == null) {
            return;
        }
        if (!atLineStart) {
            out.println();
        }
        out.println(text);
        out.flush();
        atLineStart = true;
    }
}
