package org.lenetlab.plot;

import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.lenetlab.data.ImageDataset;

/**
 * Images per class as bars: for one dataset the counts, for several (train, validation, test) the share of each
 * split per class side by side, so that splits of different sizes compare and a stratified split shows as bars of
 * equal height. The title states the imbalance (largest class over smallest).
 */
public final class ClassDistributionChart extends Figure {
    /** Longest dataset name shown under the x axis of a single-dataset chart; longer ones end in an ellipsis. */
    private static final int AXIS_TITLE_CHARACTERS = 100;

    private final CategoryChart chart;

    private ClassDistributionChart(String title, CategoryChart chart, int n) {
        super(title, Math.min(MAX_SIZE, Math.max(900, 300 + 22 * n)), n > 12 ? 560 : 480);
        this.chart = chart;
    }

    /**
     * @param datasets one dataset, or several splits with the same classes
     * @return the chart
     * @throws IllegalArgumentException if no dataset is given, one is empty, or their classes differ
     */
    public static ClassDistributionChart of(ImageDataset... datasets) {
        return of(List.of(datasets));
    }

    /**
     * @param datasets one dataset, or several splits with the same classes
     * @return the chart
     * @throws IllegalArgumentException if no dataset is given, one is empty, or their classes differ
     */
    public static ClassDistributionChart of(List<ImageDataset> datasets) {
        Objects.requireNonNull(datasets, "datasets");
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("no dataset given: pass one dataset or several splits");
        }
        ImageDataset first = datasets.get(0);
        Set<String> seen = new HashSet<>();
        for (ImageDataset d : datasets) {
            if (d.size() == 0) {
                throw new IllegalArgumentException(d.name() + " is empty: there is no class distribution to plot");
            }
            if (!d.classNames().equals(first.classNames())) {
                throw new IllegalArgumentException(d.name() + " has classes " + d.classNames() + " but "
                        + first.name() + " has " + first.classNames() + ": compare splits of one dataset");
            }
            if (!seen.add(d.name())) {
                throw new IllegalArgumentException("two datasets are both named '" + d.name()
                        + "': give the splits distinct names (e.g. ImageDataset.subset(..., \"train\"))");
            }
        }
        List<String> classes = first.classNames();
        int n = classes.size();
        boolean single = datasets.size() == 1;
        CategoryChart chart = new CategoryChart(820, 480);
        FigureStyle.apply(chart.getStyler());
        var styler = chart.getStyler();
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setAvailableSpaceFill(single ? 0.7 : 0.85);
        styler.setYAxisMin(0.0);
        if (n > 12) {
            styler.setXAxisLabelRotation(90);
        }
        if (single) {
            styler.setLegendVisible(false);
            styler.setLabelsVisible(n <= 20);
            styler.setLabelsFont(FigureStyle.font(java.awt.Font.PLAIN, 10));
            styler.setLabelsFontColor(FigureStyle.INK);
            styler.setLabelsPosition(1.0);
            styler.setDecimalPattern("#,##0");
        } else {
            styler.setYAxisDecimalPattern("0.0");
        }
        double imbalance = 1;
        List<String> parts = new ArrayList<>();
        for (int d = 0; d < datasets.size(); d++) {
            ImageDataset ds = datasets.get(d);
            int[] counts = ds.classCounts();
            imbalance = Math.max(imbalance, ratio(counts));
            List<Double> values = new ArrayList<>();
            for (int c : counts) {
                values.add(single ? c : 100.0 * c / ds.size());
            }
            String name = String.format(Locale.ROOT, "%s (%s images)", ds.name(), Charts.count(ds.size()));
            parts.add(name);
            CategorySeries s = chart.addSeries(name, classes, values);
            s.setFillColor(FigureStyle.seriesColor(d));
        }
        String imbalanceText = Double.isInfinite(imbalance) ? "a class has no images"
                : String.format(Locale.ROOT, "largest / smallest class %.1f×", imbalance);
        String title = single ? String.format(Locale.ROOT, "Images per class: %s, %s images, %s", first.name(),
                Charts.count(first.size()), imbalanceText)
                : String.format(Locale.ROOT, "Share of each class per split (%s)", imbalanceText);
        if (single) {
            // dataset names grow with every subset and split ("... (fit) (first 1280) (5 % of classes 3, 8)"): the
            // name goes under the axis, where a line has room, and the chart title stays short enough to fit
            chart.setTitle(String.format(Locale.ROOT, "Images per class: %s images, %s", Charts.count(first.size()),
                    imbalanceText));
            chart.setXAxisTitle("class · " + shortened(first.name(), AXIS_TITLE_CHARACTERS));
        } else {
            chart.setTitle(title);
            chart.setXAxisTitle("class");
        }
        chart.setYAxisTitle(single ? "images" : "share of the split (%)");
        return new ClassDistributionChart(title, chart, n);
    }

    private static String shortened(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    private static double ratio(int[] counts) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int c : counts) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        return min == 0 ? Double.POSITIVE_INFINITY : (double) max / min;
    }

    /** @return the XChart chart (restyle before exporting) */
    public CategoryChart chart() {
        return chart;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        Charts.paintRow(g, width, height, null, List.of(chart));
    }
}
