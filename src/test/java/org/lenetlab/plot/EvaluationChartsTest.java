package org.lenetlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.ConfusionMatrix;

/** Confusion matrix heat map, F1 against support, class distribution: colours and values follow the data. */
class EvaluationChartsTest {

    /** Row 0 of 100 examples spread 0, 1, 5, 20, 74 over the five predicted classes. */
    private static ConfusionMatrix graded() {
        int[] row0 = {0, 1, 5, 20, 74};
        List<Integer> actual = new ArrayList<>();
        List<Integer> predicted = new ArrayList<>();
        for (int p = 0; p < row0.length; p++) {
            for (int k = 0; k < row0[p]; k++) {
                actual.add(0);
                predicted.add(p);
            }
        }
        for (int c = 1; c < 5; c++) {
            for (int k = 0; k < 30; k++) {
                actual.add(c);
                predicted.add(k < 27 ? c : 0);
            }
        }
        return ConfusionMatrix.of(actual.stream().mapToInt(Integer::intValue).toArray(),
                predicted.stream().mapToInt(Integer::intValue).toArray(), List.of("a", "b", "c", "d", "e"));
    }

    private static int darkness(int rgb) {
        return 3 * 255 - (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF));
    }

    @Test
    void heatMapCellColourIsMonotoneInItsCount() {
        ConfusionMatrix m = graded();
        ConfusionMatrixChart chart = ConfusionMatrixChart.of(m);
        int w = chart.defaultWidth();
        int h = chart.defaultHeight();
        BufferedImage image = chart.toBufferedImage(w, h);
        Graphics2D g = image.createGraphics();
        ConfusionMatrixChart.Layout layout = chart.layout(g, w, h);
        g.dispose();
        int[] darkness = new int[5];
        for (int p = 0; p < 5; p++) {
            Rectangle cell = layout.cell(0, p);
            // a corner of the cell: the count is written in its middle
            int rgb = image.getRGB(cell.x + 3, cell.y + 3);
            assertEquals(chart.cellColor(0, p).getRGB() & 0xFFFFFF, rgb & 0xFFFFFF, "cell (0, " + p + ")");
            darkness[p] = darkness(rgb);
        }
        assertEquals(0, darkness[0], "an empty cell is white");
        // predicted 4 (74) is off-diagonal; compare counts 1 < 5 < 20 < 74 along the row
        for (int p = 1; p < 5; p++) {
            assertTrue(darkness[p] > darkness[p - 1], "count " + m.count(0, p) + " darker than " + m.count(0, p - 1)
                    + ": " + java.util.Arrays.toString(darkness));
        }
        Color diagonal = chart.cellColor(1, 1);
        Color confusion = chart.cellColor(1, 0);
        assertTrue(diagonal.getBlue() > diagonal.getRed(), "correct cells are blue");
        assertTrue(confusion.getRed() > confusion.getBlue(), "confusions are red");
    }

    @Test
    void fiftyOneClassesStayLegible() {
        int n = 51;
        Random random = new Random(3);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            names.add("traffic sign class " + c);
        }
        int[] actual = new int[5000];
        int[] predicted = new int[5000];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = Math.min(n - 1, (int) Math.abs(random.nextGaussian() * 20));
            predicted[i] = random.nextDouble() < 0.8 ? actual[i] : random.nextInt(n);
        }
        ConfusionMatrixChart chart = ConfusionMatrixChart.of(ClassificationEvaluation.of(actual, predicted, names));
        BufferedImage image = chart.toBufferedImage();
        Graphics2D g = image.createGraphics();
        ConfusionMatrixChart.Layout layout = chart.layout(g, image.getWidth(), image.getHeight());
        g.dispose();
        assertTrue(layout.cell >= 22, "cells large enough for a count: " + layout.cell);
        assertTrue(layout.labelFont >= 10, "class names at a readable size: " + layout.labelFont);
        assertTrue(layout.rotateColumns, "51 long names cannot stand side by side");
        Rectangle last = layout.cell(n - 1, n - 1);
        assertTrue(last.x + last.width < image.getWidth() && last.y + last.height + layout.columnLabelHeight
                < image.getHeight(), "the grid and its labels fit the figure");
    }

    @Test
    void f1BarsEqualTheReportAndAreSortedBySupport() {
        int[] actual = {0, 0, 0, 0, 1, 1, 2, 2, 2};
        int[] predicted = {0, 0, 1, 0, 1, 0, 2, 2, 1};
        ClassificationEvaluation e = ClassificationEvaluation.of(actual, predicted, List.of("x", "y", "z"));
        F1SupportChart chart = F1SupportChart.of(e);
        assertEquals(List.of("x", "z", "y"), chart.classOrder());
        double[] f1 = chart.chart().getSeriesMap().get("F1 score").getYData().stream()
                .mapToDouble(Number::doubleValue).toArray();
        assertEquals(e.f1(0), f1[0], 1e-12);
        assertEquals(e.f1(2), f1[1], 1e-12);
        assertEquals(e.f1(1), f1[2], 1e-12);
        var support = chart.chart().getSeriesMap().get("support").getYData();
        assertEquals(List.of(4, 3, 2), support.stream().map(Number::intValue).toList());
        assertTrue(Pixels.inkedFraction(chart.toBufferedImage()) > 0.05);
        assertEquals(List.of("x", "y", "z"),
                F1SupportChart.of(e.classificationReport(), F1SupportChart.Order.BY_CLASS, "t").classOrder());
    }

    private static ImageDataset dataset(String name, int[] labels) {
        return new ImageDataset(name, "test", new float[labels.length * 4], labels, 1, 2, 2, List.of("p", "q", "r"));
    }

    @Test
    void classDistributionShowsCountsOrShares() {
        ImageDataset train = dataset("train", new int[] {0, 0, 0, 1, 2, 2});
        ImageDataset test = dataset("test", new int[] {0, 1, 1, 2});
        ClassDistributionChart single = ClassDistributionChart.of(train);
        assertEquals(List.of(3, 1, 2), single.chart().getSeriesMap().values().iterator().next().getYData().stream()
                .map(Number::intValue).toList());
        assertTrue(single.title().contains("3.0×"), single.title());
        assertEquals("class · train", single.chart().getXAxisTitle(), "the dataset's name goes under the axis");
        assertEquals("Images per class: 6 images, largest / smallest class 3.0×", single.chart().getTitle());
        ImageDataset longName = dataset("MNIST sample (train) (fit) (first 1280) (5 % of classes 3, 8) ".repeat(3),
                new int[] {0, 1, 2});
        String axis = ClassDistributionChart.of(longName).chart().getXAxisTitle();
        assertEquals(108, axis.length(), axis);
        assertTrue(axis.endsWith("…"), axis);
        ClassDistributionChart both = ClassDistributionChart.of(train, test);
        var series = new ArrayList<>(both.chart().getSeriesMap().values());
        assertEquals(25.0, series.get(1).getYData().iterator().next().doubleValue(), 1e-9, "1 of 4 test images is class p");
        assertTrue(Pixels.inkedFraction(both.toBufferedImage()) > 0.05);
        ImageDataset other = new ImageDataset("other", "t", new float[4], new int[] {0}, 1, 2, 2, List.of("u", "v"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassDistributionChart.of(train, other));
        assertTrue(e.getMessage().contains("other has classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassDistributionChart.of(List.of()));
    }
}
