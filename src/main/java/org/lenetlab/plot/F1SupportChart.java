package org.lenetlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lenetlab.eval.ClassMetrics;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.ClassificationReport;

/**
 * F1 score per class as bars, with the number of test examples of each class (support) as a line on a second
 * axis: with imbalanced classes (the seed with 51 classes) it shows whether the rare classes are the badly
 * recognised ones. Classes are sorted by support, largest first, unless another {@link Order} is asked for; the
 * macro-average F1 is drawn as a dashed reference line.
 */
public final class F1SupportChart extends Figure {
    /** How the classes are ordered along the x axis. */
    public enum Order {
        /** Most examples first: the usual view for imbalanced data. */
        BY_SUPPORT,
        /** Best F1 first. */
        BY_F1,
        /** Class index order. */
        BY_CLASS
    }

    private static final Color BARS = new Color(0, 114, 178);
    private static final Color LINE = new Color(213, 94, 0);

    private final CategoryChart chart;
    private final List<String> classOrder;

    private F1SupportChart(String title, CategoryChart chart, List<String> classOrder, int n) {
        super(title, Math.min(MAX_SIZE, Math.max(900, 300 + 24 * n)), n > 12 ? 620 : 520);
        this.chart = chart;
        this.classOrder = List.copyOf(classOrder);
    }

    /**
     * @param evaluation an evaluation
     * @return F1 against support, sorted by support, titled with what was evaluated
     */
    public static F1SupportChart of(ClassificationEvaluation evaluation) {
        Objects.requireNonNull(evaluation, "evaluation");
        String title = "F1 score and support per class"
                + (evaluation.description().isEmpty() ? "" : ": " + evaluation.description());
        return of(evaluation.classificationReport(), Order.BY_SUPPORT, title);
    }

    /**
     * @param report a classification report
     * @param order  how to order the classes
     * @param title  the figure's title
     * @return F1 against support
     */
    public static F1SupportChart of(ClassificationReport report, Order order, String title) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(order, "order");
        List<ClassMetrics> classes = new ArrayList<>(report.classMetrics());
        Comparator<ClassMetrics> byName = Comparator.comparingInt(classes::indexOf);
        List<ClassMetrics> sorted = new ArrayList<>(classes);
        switch (order) {
            case BY_SUPPORT -> sorted.sort(Comparator.comparingInt(ClassMetrics::support).reversed().thenComparing(byName));
            case BY_F1 -> sorted.sort(Comparator.comparingDouble(ClassMetrics::f1).reversed().thenComparing(byName));
            case BY_CLASS -> { }
        }
        int n = sorted.size();
        // Category names must be unique for XChart; class names are (ClassificationEvaluation checks).
        List<String> names = sorted.stream().map(ClassMetrics::name).toList();
        List<Double> f1 = sorted.stream().map(ClassMetrics::f1).toList();
        List<Integer> support = sorted.stream().map(ClassMetrics::support).toList();

        CategoryChart chart = new CategoryChart(900, 520);
        FigureStyle.apply(chart.getStyler());
        chart.setTitle(title);
        chart.setXAxisTitle("class" + (order == Order.BY_SUPPORT ? " (most examples first)"
                : order == Order.BY_F1 ? " (best F1 first)" : ""));
        chart.setYAxisGroupTitle(0, "F1 score");
        chart.setYAxisGroupTitle(1, "support (test examples)");
        var styler = chart.getStyler();
        styler.setYAxisMin(0, 0.0);
        styler.setYAxisMax(0, 1.0);
        styler.setYAxisMin(1, 0.0);
        styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        styler.setAvailableSpaceFill(0.7);
        // One formatter serves both axes: F1 ticks are tenths, support ticks whole numbers of examples.
        styler.setyAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9
                ? String.format(Locale.ROOT, "%,d", (long) Math.rint(v)) : String.format(Locale.ROOT, "%.1f", v));
        styler.setOverlapped(true);
        styler.setPlotGridVerticalLinesVisible(false);
        if (n > 12) {
            styler.setXAxisLabelRotation(90);
        }
        styler.setYAxisGroupTickLabelsColorMap(1, LINE);
        styler.setYAxisGroupTitleColor(1, LINE);
        styler.setYAxisGroupTickLabelsColorMap(0, BARS);
        styler.setYAxisGroupTitleColor(0, BARS);

        CategorySeries bars = chart.addSeries("F1 score", names, f1);
        bars.setFillColor(BARS);
        bars.setYAxisGroup(0);
        double macro = report.macroAverage().f1();
        CategorySeries macroLine = chart.addSeries(String.format(Locale.ROOT, "macro-average F1 (%.2f)", macro),
                names, IntStream.range(0, n).mapToObj(i -> macro).toList());
        macroLine.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        macroLine.setLineColor(BARS.darker());
        macroLine.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        macroLine.setMarker(SeriesMarkers.NONE);
        macroLine.setYAxisGroup(0);
        CategorySeries line = chart.addSeries("support", names, support);
        line.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        line.setLineColor(LINE);
        line.setMarkerColor(LINE);
        line.setLineStyle(new BasicStroke(2f));
        line.setMarker(n <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        line.setYAxisGroup(1);
        styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        return new F1SupportChart(title, chart, names, n);
    }

    /** @return the XChart chart (restyle before exporting) */
    public CategoryChart chart() {
        return chart;
    }

    /** @return the class names in the order drawn, left to right */
    public List<String> classOrder() {
        return classOrder;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        Charts.paintRow(g, width, height, null, List.of(chart));
    }
}
