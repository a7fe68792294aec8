package org.lenetlab.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Keras-style progress output on a console.
 *
 * <p>On a terminal ({@code System.console() != null}) each epoch gets one line that is redrawn in place with
 * {@code \r} at most ten times a second:
 * <pre>
 * Epoch 3/10 [=========&gt;..........]  45/94  loss 0.3121  acc 90.52%  2,310 img/s  ETA 0:02
 * </pre>
 * and is replaced, when the epoch ends, by its summary:
 * <pre>
 * Epoch 3/10  94/94  4.1s  loss 0.2987  acc 91.03%  val_loss 0.2511  val_acc 92.40%  lr 1.00e-03
 * </pre>
 * When the output is not a terminal (a log file, a CI job, a notebook capturing the stream) no {@code \r} is
 * written: a plain progress line at most every 10 seconds, and the summary line of each epoch.
 * A final line tells how training ended.
 */
public final class ConsoleProgressBar implements TrainingListener {
    private static final int BAR_WIDTH = 20;
    private static final long REDRAW_NANOS = 100_000_000L;       // 10 redraws per second at most
    private static final long PLAIN_LINE_NANOS = 10_000_000_000L; // one plain progress line per 10 s at most

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier nanoClock;
    private int epochs;
    private int batches;
    private long lastDraw;
    private int drawnLength;
    private boolean lineOpen;

    /**
     * Writes to {@code out}, redrawing in place if the JVM has a console.
     *
     * @param out where to write, usually {@code System.out}
     */
    public ConsoleProgressBar(PrintStream out) {
        this(out, System.console() != null);
    }

    /**
     * @param out         where to write
     * @param interactive whether {@code out} is a terminal that understands {@code \r}
     */
    public ConsoleProgressBar(PrintStream out, boolean interactive) {
        this(out, interactive, System::nanoTime);
    }

    ConsoleProgressBar(PrintStream out, boolean interactive, LongSupplier nanoClock) {
        this.out = Objects.requireNonNull(out, "out");
        this.interactive = interactive;
        this.nanoClock = nanoClock;
    }

    /** @return whether lines are redrawn in place */
    public boolean interactive() {
        return interactive;
    }

    @Override
    public void onEpochStart(EpochStart start) {
        epochs = start.epochs();
        batches = start.batches();
        lastDraw = Long.MIN_VALUE;
        if (!interactive) {
            lastDraw = nanoClock.getAsLong(); // the first plain progress line comes after 10 s
        }
    }

    @Override
    public void onBatchEnd(BatchProgress p) {
        long now = nanoClock.getAsLong();
        if (interactive) {
            if (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
                return;
            }
            lastDraw = now;
            redraw(barLine(p));
        } else if (now - lastDraw >= PLAIN_LINE_NANOS) {
            lastDraw = now;
            out.println(plainLine(p));
            out.flush();
        }
    }

    @Override
    public void onEpochEnd(EpochRecord r) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d  %d/%d  %s  loss %s  acc %s",
                r.epoch(), epochs, batches, batches, Format.duration(r.seconds()), Format.loss(r.loss()),
                Format.percent(r.accuracy())));
        if (r.hasValidation()) {
            line.append(String.format(Locale.ROOT, "  val_loss %s  val_acc %s", Format.loss(r.valLoss()),
                    Format.percent(r.valAccuracy())));
        }
        line.append("  lr ").append(Format.rate(r.learningRate()));
        if (r.lrReduced()) {
            line.append("  (lr reduced)");
        }
        finishLine(line.toString());
    }

    @Override
    public void onTrainingEnd(TrainingResult result) {
        finishLine(switch (result.stopReason()) {
            case COMPLETED -> "Training completed: " + result;
            case EARLY_STOPPING -> "Training stopped early: " + result;
            case INTERRUPTED -> "Training interrupted: " + result;
        });
    }

    @Override
    public void onTrainingFailed(RuntimeException error) {
        finishLine("Training failed: " + error.getMessage());
    }

    static String barLine(BatchProgress p) {
        int filled = (int) Math.floor(p.fraction() * BAR_WIDTH);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : '.');
        }
        bar.append(']');
        int digits = Integer.toString(p.batches()).length();
        return String.format(Locale.ROOT, "Epoch %d/%d %s %" + digits + "d/%d  loss %s  acc %s  %s img/s  ETA %s",
                p.epoch(), p.epochs(), bar, p.batch(), p.batches(), Format.loss(p.loss()), Format.percent(p.accuracy()),
                Format.count(p.imagesPerSecond()), Format.clock(p.etaSeconds()));
    }

    static String plainLine(BatchProgress p) {
        return String.format(Locale.ROOT, "Epoch %d/%d  %d/%d  loss %s  acc %s  %s img/s  ETA %s", p.epoch(),
                p.epochs(), p.batch(), p.batches(), Format.loss(p.loss()), Format.percent(p.accuracy()),
                Format.count(p.imagesPerSecond()), Format.clock(p.etaSeconds()));
    }

    private void redraw(String line) {
        out.print('\r');
        out.print(line);
        if (drawnLength > line.length()) {
            out.print(" ".repeat(drawnLength - line.length()));
        }
        drawnLength = line.length();
        lineOpen = true;
        out.flush();
    }

    private void finishLine(String line) {
        if (interactive && lineOpen) {
            redraw(line);
            out.println();
        } else {
            out.println(line);
        }
        drawnLength = 0;
        lineOpen = false;
        out.flush();
    }
}
