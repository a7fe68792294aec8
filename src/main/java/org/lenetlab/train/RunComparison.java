package org.lenetlab.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Named training runs of one experiment ("none", "dropout 0.25", "L2 1e-4", ...) compared by how far each
 * overfits: their histories for an overlay plot, a table of {@linkplain GeneralisationGap generalisation gaps}, and
 * each run against a baseline in words.
 *
 * <pre>{@code
 * RunComparison runs = new RunComparison();
 * for (Regularization r : Regularization.presets()) {
 *     runs.add(r.toString(), trainer.fit(r.applyTo(KerasLeNet.builder().seed(42)).build().network(), train, val));
 * }
 * HistoryChart.compare(runs.histories());           // overlaid learning curves
 * Tables.toHtml(runs.gapTable());                     // one row per run
 * System.out.println(runs.versus("none", val.size())); // what helped, what did not
 * }</pre>
 *
 * <p>Runs keep the order they were added in; adding a name again replaces that run (so re-running a notebook cell
 * does not duplicate it). Not thread-safe.
 */
public final class RunComparison {
    private final Map<String, TrainingResult> runs = new LinkedHashMap<>();

    /** Creates an empty comparison. */
    public RunComparison() {
    }

    /**
     * @param name   the run's name for legends and tables, e.g. {@code "dropout 0.25"}
     * @param result the finished run; it must have been trained with a validation set
     * @return this comparison
     * @throws IllegalArgumentException if the name is blank or the run has no epochs or no validation metrics
     */
    public RunComparison add(String name, TrainingResult result) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        if (name.isBlank()) {
            throw new IllegalArgumentException("give the run a name, e.g. \"dropout 0.25\"");
        }
        try {
            GeneralisationGap.of(result);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("run '" + name + "' cannot be compared: " + e.getMessage(), e);
        }
        runs.put(name, result);
        return this;
    }

    /** @return the number of runs */
    public int size() {
        return runs.size();
    }

    /** @return the run names in the order added */
    public List<String> names() {
        return List.copyOf(runs.keySet());
    }

    /**
     * @param name a run name
     * @return its result
     * @throws IllegalArgumentException if there is no such run (the message lists the names)
     */
    public TrainingResult result(String name) {
        TrainingResult r = runs.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no run named '" + name + "'; the runs are " + names());
        }
        return r;
    }

    /**
     * @param name a run name
     * @return its generalisation gap at its best epoch
     * @throws IllegalArgumentException if there is no such run
     */
    public GeneralisationGap gap(String name) {
        return GeneralisationGap.of(result(name));
    }

    /** @return run name → history of all runs, in the order added, for {@code HistoryChart.compare} */
    public Map<String, History> histories() {
        return histories(names().toArray(String[]::new));
    }

    /**
     * Some of the runs, for an overlay that stays readable (four or five curves at most).
     *
     * @param names the runs to include, in legend order
     * @return run name → history
     * @throws IllegalArgumentException if a name is unknown
     */
    public Map<String, History> histories(String... names) {
        Map<String, History> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, result(name).history());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * One row per run, each at its best epoch (early stopping's, else the lowest validation loss): {@code run},
     * {@code parameters}, {@code epochs} trained, {@code best_epoch}, training and validation {@code accuracy},
     * {@code val_accuracy} and their difference {@code accuracy_gap}, {@code loss}, {@code val_loss} and
     * {@code loss_gap} (validation minus training), and {@code s_per_epoch}. Accuracies are fractions in [0, 1],
     * as in the history table.
     *
     * @return a new table named "generalisation gaps"
     */
    public Table gapTable() {
        StringColumn run = StringColumn.create("run");
        LongColumn parameters = LongColumn.create("parameters");
        IntColumn epochs = IntColumn.create("epochs");
        IntColumn bestEpoch = IntColumn.create("best_epoch");
        DoubleColumn accuracy = DoubleColumn.create("accuracy");
        DoubleColumn valAccuracy = DoubleColumn.create("val_accuracy");
        DoubleColumn accuracyGap = DoubleColumn.create("accuracy_gap");
        DoubleColumn loss = DoubleColumn.create("loss");
        DoubleColumn valLoss = DoubleColumn.create("val_loss");
        DoubleColumn lossGap = DoubleColumn.create("loss_gap");
        DoubleColumn secondsPerEpoch = DoubleColumn.create("s_per_epoch");
        runs.forEach((name, result) -> {
            GeneralisationGap gap = GeneralisationGap.of(result);
            run.append(name);
            if (result.network() == null) {
                parameters.appendMissing();
            } else {
                parameters.append(result.network().numParams());
            }
            epochs.append(result.finalEpoch());
            bestEpoch.append(gap.epoch());
            accuracy.append(gap.trainAccuracy());
            valAccuracy.append(gap.valAccuracy());
            accuracyGap.append(gap.accuracyGap());
            loss.append(gap.trainLoss());
            valLoss.append(gap.valLoss());
            lossGap.append(gap.lossGap());
            secondsPerEpoch.append(result.history().totalSeconds() / result.history().size());
        });
        return Table.create("generalisation gaps", run, parameters, epochs, bestEpoch, accuracy, valAccuracy,
                accuracyGap, loss, valLoss, lossGap, secondsPerEpoch);
    }

    /**
     * Every run against a baseline, one line each: validation accuracy and accuracy gap (both at the run's best
     * epoch) and whether each is better, worse or about the same. A smaller gap is called "less overfitting" only
     * when the baseline's gap is itself beyond the noise band, and a larger one "more overfitting" only when the
     * run's gap is (an underfitting baseline, as in a short smoke run, has nothing to overfit less than). "About
     * the same" means the difference is within
     * a rough 95 % band for two accuracies measured on {@code validationImages} images,
     * {@code 1.96·sqrt(2·p·(1−p)/n)} with {@code p} the baseline's validation accuracy: on 1,600 images at 95 %
     * that is ±1.5 points, on 12,000 images at 99 % ±0.25 points. Differences inside it are noise, not findings.
     *
     * @param baseline         the name of the run to compare against, e.g. {@code "none"}
     * @param validationImages how many images the validation accuracy was measured on
     * @return one line per run other than the baseline, in the order added
     * @throws IllegalArgumentException if the baseline is unknown or {@code validationImages < 1}
     */
    public String versus(String baseline, int validationImages) {
        if (validationImages < 1) {
            throw new IllegalArgumentException("validationImages must be at least 1, got " + validationImages);
        }
        GeneralisationGap base = gap(baseline);
        double p = base.valAccuracy();
        double band = 100 * 1.96 * Math.sqrt(2 * p * (1 - p) / validationImages);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Against '%s' (validation accuracy %.2f %%, accuracy gap %+.2f pts); "
                + "differences within ±%.2f pts are noise on %,d validation images:", baseline, 100 * p,
                100 * base.accuracyGap(), band, validationImages));
        for (Map.Entry<String, TrainingResult> run : runs.entrySet()) {
            if (run.getKey().equals(baseline)) {
                continue;
            }
            GeneralisationGap gap = GeneralisationGap.of(run.getValue());
            double accuracyChange = 100 * (gap.valAccuracy() - p);
            double gapChange = 100 * (gap.accuracyGap() - base.accuracyGap());
            lines.add(String.format(Locale.ROOT,
                    "  %s: validation accuracy %.2f %% (%+.2f pts, %s), accuracy gap %+.2f pts (%s)", run.getKey(),
                    100 * gap.valAccuracy(), accuracyChange, judgeAccuracy(accuracyChange, band),
                    100 * gap.accuracyGap(), judgeGap(gapChange, 100 * base.accuracyGap(),
                            100 * gap.accuracyGap(), band)));
        }
        return String.join("\n", lines);
    }

    private static String judgeAccuracy(double change, double band) {
        if (Math.abs(change) <= band) {
            return "about the same";
        }
        return change > 0 ? "better" : "worse";
    }

    /** A smaller gap only means less overfitting if the baseline overfits, a larger one more if the run does. */
    private static String judgeGap(double change, double baseGap, double runGap, double band) {
        if (Math.abs(change) <= band) {
            return "about the same";
        }
        if (change < 0) {
            return baseGap > band ? "smaller: less overfitting" : "smaller, but the baseline does not overfit";
        }
        return runGap > band ? "larger: more overfitting" : "larger, but within the noise of no overfitting";
    }

    /** @return the names of the runs, e.g. {@code RunComparison[none, dropout 0.25]} */
    @Override
    public String toString() {
        return "RunComparison" + names();
    }
}
