package org.lenetlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lenetlab.train.History;

/**
 * Training history as two panels side by side, accuracy and loss per epoch, training against validation (the
 * seeds' first picture: is the model learning, is it overfitting?). The epoch whose weights early stopping
 * restored is marked with a diamond and a vertical line, and every learning-rate drop with a dashed line labelled
 * by its factor.
 *
 * <p>{@link #compare(Map)} overlays several runs ("no regularisation" against "dropout" ...): one colour per
 * run, validation solid and training dashed.
 *
 * <p>The two panels are XChart {@link XYChart}s ({@link #accuracyChart()}, {@link #lossChart()}) that can be
 * restyled before export.
 */
public final class HistoryChart extends Figure {
    private static final int MARKER_LIMIT = 40;
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
            10f, new float[] {6f, 4f}, 0f);
    private static final BasicStroke SOLID = new BasicStroke(2.2f);
    private static final Color RESTORED = new Color(0, 130, 60);
    private static final Color LR_DROP = new Color(120, 120, 120);
    private static final BasicStroke DROP_STROKE = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {4f, 4f}, 0f);

    private final XYChart accuracy;
    private final XYChart loss;
    private final List<Charts.LegendItem> legend;

    private HistoryChart(String title, XYChart accuracy, XYChart loss, List<Charts.LegendItem> legend) {
        super(title, 1200, 500);
        this.accuracy = accuracy;
        this.loss = loss;
        this.legend = List.copyOf(legend);
    }

    /**
     * @param history a training history with at least one epoch
     * @return the two-panel chart titled "Training history"
     * @throws IllegalArgumentException if the history is empty
     */
    public static HistoryChart of(History history) {
        return of(history, "Training history");
    }

    /**
     * @param history a training history with at least one epoch
     * @param title   the figure's title, e.g. {@code "LeNet-5 on MNIST"}
     * @return the two-panel chart
     * @throws IllegalArgumentException if the history is empty
     */
    public static HistoryChart of(History history, String title) {
        Objects.requireNonNull(history, "history");
        requireEpochs(history, "the history");
        XYChart acc = panel("Accuracy", "accuracy (%)");
        XYChart lss = panel("Loss", "loss (cross-entropy)");
        int[] epochs = history.epochs();
        boolean markers = epochs.length <= MARKER_LIMIT;
        List<Charts.LegendItem> legend = new ArrayList<>();
        legend.add(new Charts.LegendItem("training", FigureStyle.seriesColor(0), SOLID, false));
        addLine(acc, "training", epochs, scaled(history.accuracies(), 100), FigureStyle.seriesColor(0), SOLID,
                markers);
        addLine(lss, "training", epochs, history.losses(), FigureStyle.seriesColor(0), SOLID, markers);
        if (history.hasValidation()) {
            addLine(acc, "validation", epochs, scaled(history.valAccuracies(), 100), FigureStyle.seriesColor(1),
                    SOLID, markers);
            addLine(lss, "validation", epochs, history.valLosses(), FigureStyle.seriesColor(1), SOLID, markers);
            legend.add(new Charts.LegendItem("validation", FigureStyle.seriesColor(1), SOLID, false));
        }
        OptionalInt restored = history.restoredEpoch();
        if (restored.isPresent()) {
            int e = restored.getAsInt();
            String name = "weights restored (epoch " + e + ")";
            boolean val = history.hasValidation();
            double a = 100 * (val ? history.epoch(e).valAccuracy() : history.epoch(e).accuracy());
            double l = val ? history.epoch(e).valLoss() : history.epoch(e).loss();
            restoredPoint(acc, name, e, a, RESTORED);
            restoredPoint(lss, name, e, l, RESTORED);
            legend.add(new Charts.LegendItem(name + (history.hasValidation() ? ", lowest validation loss" : ""),
                    RESTORED, new BasicStroke(1.2f), true));
        }
        if (markLearningRateDrops(history, acc, lss)) {
            legend.add(new Charts.LegendItem("learning rate lowered", LR_DROP, DROP_STROKE, false));
        }
        return new HistoryChart(title, acc, lss, legend);
    }

    /**
     * Overlays several runs for comparison.
     *
     * @param runs run name → history, in legend order (use a {@link LinkedHashMap})
     * @return the two-panel chart titled "Training histories compared"
     * @throws IllegalArgumentException if there are no runs or a history is empty
     */
    public static HistoryChart compare(Map<String, History> runs) {
        return compare(runs, "Training histories compared");
    }

    /**
     * Overlays several runs for comparison: one colour per run, validation solid, training dashed; a run's
     * restored epoch is marked with a diamond.
     *
     * @param runs  run name → history, in legend order (use a {@link LinkedHashMap})
     * @param title the figure's title
     * @return the two-panel chart
     * @throws IllegalArgumentException if there are no runs or a history is empty
     */
    public static HistoryChart compare(Map<String, History> runs, String title) {
        Objects.requireNonNull(runs, "runs");
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare: pass at least one name → history");
        }
        XYChart acc = panel("Accuracy", "accuracy (%)");
        XYChart lss = panel("Loss", "loss (cross-entropy)");
        List<Charts.LegendItem> legend = new ArrayList<>();
        boolean anyValidation = false;
        boolean anyRestored = false;
        int i = 0;
        for (Map.Entry<String, History> run : runs.entrySet()) {
            String name = Objects.requireNonNull(run.getKey(), "run name");
            History h = Objects.requireNonNull(run.getValue(), "history of " + name);
            requireEpochs(h, "the history of run '" + name + "'");
            Color color = FigureStyle.seriesColor(i++);
            int[] epochs = h.epochs();
            boolean markers = epochs.length <= 15 && runs.size() <= 3;
            boolean val = h.hasValidation();
            anyValidation |= val;
            legend.add(new Charts.LegendItem(name, color, SOLID, false));
            addLine(acc, name + (val ? " (training)" : ""), epochs, scaled(h.accuracies(), 100), color,
                    val ? DASHED : SOLID, markers);
            addLine(lss, name + (val ? " (training)" : ""), epochs, h.losses(), color, val ? DASHED : SOLID,
                    markers);
            if (val) {
                addLine(acc, name + " (validation)", epochs, scaled(h.valAccuracies(), 100), color, SOLID, markers);
                addLine(lss, name + " (validation)", epochs, h.valLosses(), color, SOLID, markers);
            }
            OptionalInt restored = h.restoredEpoch();
            if (restored.isPresent()) {
                int e = restored.getAsInt();
                String label = name + ": restored epoch " + e;
                restoredPoint(acc, label, e, 100 * (val ? h.epoch(e).valAccuracy() : h.epoch(e).accuracy()), color);
                restoredPoint(lss, label, e, val ? h.epoch(e).valLoss() : h.epoch(e).loss(), color);
                anyRestored = true;
            }
        }
        if (anyValidation) {
            legend.add(new Charts.LegendItem("validation", FigureStyle.MUTED, SOLID, false));
            legend.add(new Charts.LegendItem("training", FigureStyle.MUTED, DASHED, false));
        }
        if (anyRestored) {
            legend.add(new Charts.LegendItem("weights restored", FigureStyle.MUTED, null, true));
        }
        return new HistoryChart(title, acc, lss, legend);
    }

    private static void requireEpochs(History history, String what) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException(what + " has no epochs: train at least one epoch before plotting");
        }
    }

    private static XYChart panel(String title, String yTitle) {
        XYChart chart = new XYChart(600, 440);
        FigureStyle.apply(chart.getStyler());
        chart.setTitle(title);
        chart.setXAxisTitle("epoch");
        chart.setYAxisTitle(yTitle);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(HistoryChart::epochTick);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** Epochs are whole numbers: ticks between them stay unlabelled. */
    private static String epochTick(Double x) {
        double r = Math.rint(x);
        return Math.abs(x - r) < 1e-9 ? Integer.toString((int) r) : "";
    }

    private static void addLine(XYChart chart, String name, int[] epochs, double[] values, Color color,
                                BasicStroke stroke, boolean markers) {
        double[] x = new double[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            x[i] = epochs[i];
        }
        XYSeries s = chart.addSeries(name, x, finite(values));
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setMarkerColor(color);
    }

    private static void restoredPoint(XYChart chart, String name, int epoch, double value, Color color) {
        XYSeries s = chart.addSeries(name, new double[] {epoch}, new double[] {value});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(color);
        boolean bottom = chart.getYAxisTitle().startsWith("accuracy");
        chart.addAnnotation(new Charts.VerticalMarker(epoch, "restored " + epoch, color, new BasicStroke(1.2f), 0,
                bottom));
    }

    /** @return whether the learning rate dropped at all */
    private static boolean markLearningRateDrops(History history, XYChart... charts) {
        double[] rates = history.learningRates();
        for (int e : history.learningRateDrops()) {
            double factor = rates[e - 1] / rates[e - 2];
            String label = String.format(Locale.ROOT, "lr ×%s", Charts.number(factor));
            for (XYChart chart : charts) {
                // The rate changed between epoch e-1 and e: the line sits half way. Labels go where curves are
                // rarely: the bottom of the accuracy panel, the top of the loss panel.
                boolean bottom = chart.getYAxisTitle().startsWith("accuracy");
                chart.addAnnotation(new Charts.VerticalMarker(e - 0.5, label, LR_DROP, DROP_STROKE, 1, bottom));
            }
        }
        return history.learningRateDrops().length > 0;
    }

    /** Non-finite values (a diverged epoch) are left out of the line rather than breaking the axis range. */
    private static double[] finite(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static double[] scaled(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }

    /** @return the left panel: accuracy per epoch, in percent (an XChart chart; restyle before exporting) */
    public XYChart accuracyChart() {
        return accuracy;
    }

    /** @return the right panel: loss per epoch */
    public XYChart lossChart() {
        return loss;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        Charts.paintRow(g, width, height, title(), List.of(accuracy, loss), legend);
    }

    /** @return the names of the series in the accuracy panel, in legend order (for checks and notebooks) */
    public List<String> seriesNames() {
        return new ArrayList<>(accuracy.getSeriesMap().keySet());
    }
}
