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
    private static final Logger LOG = LoggerFactory.getLogger(CellOutput.class);
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lenetlab-output-flusher");
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
        try {
            sink.display(data);
        } catch (RuntimeException e) {
            LOG.warn("could not deliver a display: {}", e.toString());
        }
    }

    synchronized void updateDisplay(DisplayData data) {
        flushLocked();
        try {
            sink.updateDisplay(data);
        } catch (RuntimeException e) {
            LOG.warn("could not deliver a display update: {}", e.toString());
        }
    }

    private void flushLocked() {
        if (pending.length() == 0) {
            return;
        }
        String text = pending.toString();
        pending.setLength(0);
        try {
            sink.stream(pendingStream, text);
        } catch (RuntimeException e) {
            LOG.warn("could not deliver cell output: {}", e.toString());
        }
    }
}
