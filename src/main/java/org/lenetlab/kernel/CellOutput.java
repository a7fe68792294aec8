package org.lenetlab.kernel;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * A cell's output on its way to the {@link OutputSink}: stream text is gathered for at most
 * {@value #FLUSH_DELAY_MS} ms (a loop printing thousands of lines sends a few messages, not thousands, and a single
 * {@code print} still shows up at once), and everything reaches the sink in the order it was produced: pending text
 * is sent before a display and before text of the other stream.
 */
final class CellOutput {
    static final long FLUSH_DELAY_MS = 20;
    private static final int MAX_PENDING_CHARS = 16_384;
    /**
     * Set while a thread hands output to a sink: what the sink itself prints must not come back into a cell.
     * Initialised before {@link #LOG}: looking up a logger can print (SLF4J's "no provider" warning), and printing
     * asks {@link #delivering()}.
     */
    private static final ThreadLocal<Boolean> DELIVERING = ThreadLocal.withInitial(() -> false);
    private static final Logger LOG = LoggerFactory.getLogger(CellOutput.class);
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(null, r, "lenetlab-output-flusher", 0, false); // belongs to no cell
        t.setDaemon(true);
        return t;
    });

    private final OutputSink sink;
    private final StringBuilder pending = new StringBuilder();
    private OutputSink.Stream pendingStream;
    private boolean flushScheduled;

    CellOutput(OutputSink sink) {
        this.sink = sink;
    }

    synchronized void write(OutputSink.Stream stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (pendingStream != stream) {
            flushLocked();
            pendingStream = stream;
        }
        pending.append(text);
        if (pending.length() >= MAX_PENDING_CHARS) {
            flushLocked();
        } else if (!flushScheduled) {
            flushScheduled = true;
            FLUSHER.schedule(this::flush, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void flush() {
        flushScheduled = false;
        flushLocked();
    }

    synchronized void display(DisplayData data) {
        flushLocked();
        deliver(() -> sink.display(data), "a display");
    }

    synchronized void updateDisplay(DisplayData data) {
        flushLocked();
        deliver(() -> sink.updateDisplay(data), "a display update");
    }

    private void flushLocked() {
        if (pending.length() == 0) {
            return;
        }
        String text = pending.toString();
        OutputSink.Stream stream = pendingStream;
        pending.setLength(0);
        deliver(() -> sink.stream(stream, text), "cell output");
    }

    private static void deliver(Runnable call, String what) {
        DELIVERING.set(true);
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("could not deliver {}: {}", what, e.toString());
        } finally {
            DELIVERING.set(false);
        }
    }

    /** @return whether the calling thread is handing output to a sink right now */
    static boolean delivering() {
        return DELIVERING.get();
    }
}
