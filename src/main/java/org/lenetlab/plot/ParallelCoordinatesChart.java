package org.lenetlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.markers.SeriesMarkers;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Parallel coordinates for hyperparameter sweeps: one vertical axis per hyperparameter and a last one for the
 * metric, one polyline per run crossing each axis at the run's value, coloured by the metric (viridis: dark =
 * lowest, yellow = highest). Runs that share a colour band and cross the axes in the same places reveal which
 * settings matter.
 *
 * <p>XChart has no such chart type; this one is an XChart {@link XYChart} whose x positions are the axes and
 * whose y values are each axis's value rescaled to [0, 1], with the axes, their names and ranges drawn by an
 * XChart annotation. Numeric axes are linear, or logarithmic when all values are positive and span at least two
 * decades (learning rates); text axes (optimizer names) space their distinct values evenly.
 */
public final class ParallelCoordinatesChart extends Figure {
    private final XYChart chart;

    private ParallelCoordinatesChart(String title, XYChart chart, int axes) {
        super(title, Math.max(820, 200 + 170 * axes), 500);
        this.chart = chart;
    }

    /** One vertical axis: its name and how values map to [0, 1]. */
    private record Axis(String name, boolean log, double min, double max, List<String> categories) {
        double position(Object value) {
            if (categories != null) {
                int i = categories.indexOf(String.valueOf(value));
                return categories.size() == 1 ? 0.5 : (double) i / (categories.size() - 1);
            }
            double v = ((Number) value).doubleValue();
            if (max == min) {
                return 0.5;
            }
            return log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (v - min) / (max - min);
        }

        String low() {
            return categories != null ? categories.get(0) : Charts.number(min);
        }

        String high() {
            return categories != null ? categories.get(categories.size() - 1) : Charts.number(max);
        }
    }

    /**
     * @param runs   one row per run; every column other than {@code metric} becomes an axis
     * @param metric the numeric column that colours the runs and forms the last axis, e.g. {@code val_accuracy}
     * @return the chart
     * @throws IllegalArgumentException if the table has no rows, lacks the metric, or has missing values
     */
    public static ParallelCoordinatesChart of(Table runs, String metric) {
        Objects.requireNonNull(runs, "runs");
        List<String> axes = new ArrayList<>(runs.columnNames());
        axes.removeIf(n -> n.equalsIgnoreCase(metric));
        return of(runs, axes, metric);
    }

    /**
     * @param runs       one row per run
     * @param parameters the columns to show as axes, left to right
     * @param metric     the numeric column that colours the runs and forms the last axis
     * @return the chart
     * @throws IllegalArgumentException if the table has no rows, lacks a named column, or has missing values
     */
    public static ParallelCoordinatesChart of(Table runs, List<String> parameters, String metric) {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(metric, "metric");
        if (runs.rowCount() == 0) {
            throw new IllegalArgumentException("the table '" + runs.name() + "' has no runs to plot");
        }
        if (!runs.containsColumn(metric) || !(runs.column(metric) instanceof NumericColumn<?>)) {
            throw new IllegalArgumentException("the table '" + runs.name() + "' has no numeric column '" + metric
                    + "' to colour the runs by; its columns are " + runs.columnNames());
        }
        List<String> names = new ArrayList<>(parameters);
        names.add(metric);
        List<Axis> axes = new ArrayList<>();
        for (String name : names) {
            if (!runs.containsColumn(name)) {
                throw new IllegalArgumentException("the table '" + runs.name() + "' has no column '" + name
                        + "'; its columns are " + runs.columnNames());
            }
            Column<?> column = runs.column(name);
            if (column.countMissing() > 0) {
                throw new IllegalArgumentException("column '" + name + "' of '" + runs.name() + "' has "
                        + column.countMissing() + " missing values: drop or fill those runs first");
            }
            axes.add(axisOf(column));
        }
        NumericColumn<?> metricColumn = (NumericColumn<?>) runs.column(metric);
        Axis metricAxis = axes.get(axes.size() - 1);

        XYChart chart = new XYChart(900, 540);
        FigureStyle.apply(chart.getStyler());
        String title = String.format(Locale.ROOT, "%d runs by %s (colour: %s, yellow = highest)", runs.rowCount(),
                String.join(", ", parameters), metric);
        chart.setTitle(title);
        var styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setAxisTicksVisible(false);
        styler.setPlotGridLinesVisible(false);
        styler.setPlotBorderVisible(false);
        styler.setXAxisMin(-0.25);
        styler.setXAxisMax(axes.size() - 0.75);
        styler.setYAxisMin(-0.1);
        styler.setYAxisMax(1.1);
        double[] x = new double[axes.size()];
        for (int a = 0; a < x.length; a++) {
            x[a] = a;
        }
        // Draw the best runs last so that they stay on top.
        Integer[] order = new Integer[runs.rowCount()];
        for (int r = 0; r < order.length; r++) {
            order[r] = r;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(metricColumn.getDouble(p), metricColumn.getDouble(q)));
        for (int r : order) {
            double[] y = new double[axes.size()];
            for (int a = 0; a < axes.size(); a++) {
                y[a] = axes.get(a).position(runs.column(names.get(a)).get(r));
            }
            XYSeries s = chart.addSeries("run " + (r + 1), x, y);
            Color color = ColorScale.viridis(metricAxis.position(metricColumn.getDouble(r)));
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(2f));
        }
        styler.setMarkerSize(5);
        chart.addAnnotation(new Axes(axes));
        return new ParallelCoordinatesChart(title, chart, axes.size());
    }

    private static Axis axisOf(Column<?> column) {
        if (column instanceof NumericColumn<?> numeric) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < numeric.size(); i++) {
                double v = numeric.getDouble(i);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("column '" + column.name() + "' holds " + v
                            + " in row " + (i + 1) + ": parallel coordinates need finite numbers");
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            boolean log = min > 0 && max / min >= 100;
            return new Axis(column.name() + (log ? " (log)" : ""), log, min, max, null);
        }
        TreeSet<String> values = new TreeSet<>();
        for (int i = 0; i < column.size(); i++) {
            values.add(String.valueOf(column.get(i)));
        }
        return new Axis(column.name(), false, 0, 0, new ArrayList<>(values));
    }

    /** Draws the vertical axes with their names, ranges and category ticks. */
    private static final class Axes extends Annotation {
        private final List<Axis> axes;

        Axes(List<Axis> axes) {
            super(false);
            this.axes = axes;
        }

        @Override
        public void paint(Graphics2D g) {
            Graphics2D g2 = (Graphics2D) g.create();
            try {
                int top = getYAxisScreenValue(1.0);
                int bottom = getYAxisScreenValue(0.0);
                for (int a = 0; a < axes.size(); a++) {
                    Axis axis = axes.get(a);
                    int x = getXAxisScreenValue(a);
                    g2.setColor(new Color(90, 90, 90));
                    g2.setStroke(new BasicStroke(1.5f));
                    g2.drawLine(x, top, x, bottom);
                    g2.setFont(FigureStyle.font(Font.PLAIN, 11));
                    FontMetrics fm = g2.getFontMetrics();
                    if (axis.categories() != null && axis.categories().size() > 2) {
                        for (String c : axis.categories()) {
                            int y = (int) Math.round(bottom + (top - bottom) * axis.position(c));
                            g2.drawLine(x - 4, y, x, y);
                            tick(g2, c, x, y, fm);
                        }
                    } else {
                        tick(g2, axis.high(), x, top, fm);
                        tick(g2, axis.low(), x, bottom, fm);
                    }
                    g2.setFont(FigureStyle.font(Font.BOLD, 12));
                    g2.setColor(FigureStyle.INK);
                    Charts.drawCentered(g2, axis.name(), x, bottom + 26);
                }
            } finally {
                g2.dispose();
            }
            bounds = new java.awt.geom.Rectangle2D.Double();
        }

        private static void tick(Graphics2D g, String text, int x, int y, FontMetrics fm) {
            int w = fm.stringWidth(text);
            g.setColor(new Color(255, 255, 255, 220));
            g.fillRect(x - w - 8, y - fm.getAscent() / 2 - 1, w + 4, fm.getHeight());
            g.setColor(FigureStyle.INK);
            g.drawString(text, x - w - 6, y + fm.getAscent() / 2 - 1);
        }
    }

    /** @return the XChart chart (restyle before exporting) */
    public XYChart chart() {
        return chart;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        Charts.paintRow(g, width, height, null, List.of(chart));
    }
}
