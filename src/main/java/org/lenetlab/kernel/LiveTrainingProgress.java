package org.lenetlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.lenetlab.train.BatchProgress;
import org.lenetlab.train.EpochRecord;
import org.lenetlab.train.EpochStart;
import org.lenetlab.train.TrainingListener;
import org.lenetlab.train.TrainingProgress;
import org.lenetlab.train.TrainingResult;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * A training run's progress in a notebook: one display, updated in place at most {@value #UPDATE_MILLIS} ms apart
 * and at the end of every epoch, with a progress bar, the epoch and batch, running loss and accuracy, throughput,
 * the epoch's ETA and the run's, and a row per finished epoch (with validation metrics). Its text form, for
 * front ends without HTML and for saved notebooks, is the same in lines.
 *
 * <p>The kernel installs it as the {@linkplain TrainingProgress#setNotebookDisplay notebook display}, so every
 * {@code Trainer} run inside a cell gets one without asking.
 */
public final class LiveTrainingProgress implements TrainingListener {
    static final long UPDATE_MILLIS = 250;

    private final CellContext cell;
    private final LongSupplier clock;
    private final String displayId = UUID.randomUUID().toString();
    private final List<EpochRecord> finished = new ArrayList<>();
    private boolean shown;
    private long lastUpdate = Long.MIN_VALUE;
    private int epochs;
    private BatchProgress latest;
    private EpochStart epochStart;
    private String ending;

    LiveTrainingProgress(CellContext cell, LongSupplier clockMillis) {
        this.cell = cell;
        this.clock = clockMillis;
    }

    /** Makes every {@code Trainer} run started inside a notebook cell show its progress live. */
    static void install() {
        TrainingProgress.setNotebookDisplay(() -> {
            CellContext cell = CellContext.current();
            return cell == null ? Optional.empty()
                    : Optional.of(new LiveTrainingProgress(cell, System::currentTimeMillis));
        });
    }

    /** @return the id of the display this run updates */
    public String displayId() {
        return displayId;
    }

    @Override
    public void onEpochStart(EpochStart start) {
        epochStart = start;
        epochs = start.epochs();
        latest = null;
        publish(true);
    }

    @Override
    public void onBatchEnd(BatchProgress progress) {
        latest = progress;
        publish(progress.batch() == progress.batches());
    }

    @Override
    public void onEpochEnd(EpochRecord record) {
        finished.add(record);
        publish(true);
    }

    @Override
    public void onTrainingEnd(TrainingResult result) {
        ending = switch (result.stopReason()) {
            case COMPLETED -> "Training completed: " + result;
            case EARLY_STOPPING -> "Training stopped early: " + result;
            case INTERRUPTED -> "Training interrupted: " + result;
        };
        publish(true);
    }

    @Override
    public void onTrainingFailed(RuntimeException error) {
        ending = "Training failed: " + error.getMessage();
        publish(true);
    }

    private void publish(boolean always) {
        long now = clock.getAsLong();
        if (!always && shown && now - lastUpdate < UPDATE_MILLIS) {
            return;
        }
        lastUpdate = now;
        DisplayData data = new DisplayData(text());
        data.putHTML(html());
        data.setDisplayId(displayId);
        if (shown) {
            cell.updateDisplay(data);
        } else {
            shown = true;
            cell.display(data);
        }
    }

    private double fraction() {
        if (latest != null) {
            return latest.fraction();
        }
        return 0;
    }

    private String statusLine() {
        if (ending != null) {
            return ending;
        }
        if (latest == null) {
            return epochStart == null ? "Starting" : String.format(Locale.ROOT, "Epoch %d/%d starting (lr %.2e)",
                    epochStart.epoch(), epochs, epochStart.learningRate());
        }
        BatchProgress p = latest;
        return String.format(Locale.ROOT, "Epoch %d/%d  batch %d/%d  loss %.4f  acc %.2f%%  %,.0f img/s  ETA %s%s",
                p.epoch(), p.epochs(), p.batch(), p.batches(), p.loss(), 100 * p.accuracy(), p.imagesPerSecond(),
                clock(p.etaSeconds()), runEta().map(s -> " (run " + clock(s) + ")").orElse(""));
    }

    /** @return seconds until the last epoch ends, from the mean length of the finished epochs */
    private Optional<Double> runEta() {
        if (latest == null || finished.isEmpty() || latest.epoch() >= epochs) {
            return Optional.empty();
        }
        double mean = finished.stream().mapToDouble(EpochRecord::seconds).average().orElse(0);
        return Optional.of(latest.etaSeconds() + mean * (epochs - latest.epoch()));
    }

    private String text() {
        StringBuilder sb = new StringBuilder();
        for (EpochRecord r : finished) {
            sb.append(epochLine(r)).append('\n');
        }
        if (ending == null) {
            int width = 30;
            int filled = (int) Math.floor(fraction() * width);
            sb.append('[').append("=".repeat(filled)).append(filled < width ? ">" : "")
                    .append(".".repeat(Math.max(0, width - filled - 1))).append("] ");
        }
        return sb.append(statusLine()).toString();
    }

    private String epochLine(EpochRecord r) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d  %.1fs  loss %.4f  acc %.2f%%",
                r.epoch(), epochs, r.seconds(), r.loss(), 100 * r.accuracy()));
        if (r.hasValidation()) {
            line.append(String.format(Locale.ROOT, "  val_loss %.4f  val_acc %.2f%%", r.valLoss(),
                    100 * r.valAccuracy()));
        }
        return line.append(String.format(Locale.ROOT, "  lr %.2e", r.learningRate())).toString();
    }

    private String html() {
        StringBuilder sb = new StringBuilder("<div class=\"lenetlab-progress\" style=\"font-family:monospace\">");
        if (ending == null) {
            int percent = (int) Math.round(100 * fraction());
            sb.append("<div style=\"width:24em;height:0.9em;border:1px solid #999;border-radius:3px;"
                    + "display:inline-block;vertical-align:middle;margin-right:0.6em\"><div style=\"width:")
                    .append(percent).append("%;height:100%;background:#4c8bf5\"></div></div>");
        }
        sb.append("<span>").append(escape(statusLine())).append("</span>");
        if (!finished.isEmpty()) {
            boolean val = finished.stream().anyMatch(EpochRecord::hasValidation);
            sb.append("<table style=\"margin-top:0.4em\"><thead><tr><th>epoch</th><th>seconds</th><th>loss</th>"
                    + "<th>accuracy</th>").append(val ? "<th>val_loss</th><th>val_accuracy</th>" : "")
                    .append("<th>lr</th></tr></thead><tbody>");
            for (EpochRecord r : finished) {
                sb.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.1f</td><td>%.4f</td><td>%.2f%%</td>",
                        r.epoch(), r.seconds(), r.loss(), 100 * r.accuracy()));
                if (val) {
                    sb.append(String.format(Locale.ROOT, "<td>%.4f</td><td>%.2f%%</td>", r.valLoss(),
                            100 * r.valAccuracy()));
                }
                sb.append(String.format(Locale.ROOT, "<td>%.2e</td></tr>", r.learningRate()));
            }
            sb.append("</tbody></table>");
        }
        return sb.append("</div>").toString();
    }

    private static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
