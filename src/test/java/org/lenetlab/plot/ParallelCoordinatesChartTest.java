package org.lenetlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYSeries;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Parallel coordinates: one polyline per run, values rescaled per axis (log for learning rates). */
class ParallelCoordinatesChartTest {

    private static Table sweep() {
        return Table.create("sweep",
                DoubleColumn.create("lr", 1e-4, 1e-3, 1e-2),
                DoubleColumn.create("dropout", 0.0, 0.25, 0.5),
                StringColumn.create("optimizer", "sgd", "adam", "adam"),
                DoubleColumn.create("val_accuracy", 0.90, 0.98, 0.95));
    }

    private static double[] ys(ParallelCoordinatesChart chart, int run) {
        XYSeries s = chart.chart().getSeriesMap().get("run " + run);
        return s.getYData();
    }

    @Test
    void everyRunCrossesEveryAxisAtItsRescaledValue() {
        ParallelCoordinatesChart chart = ParallelCoordinatesChart.of(sweep(), "val_accuracy");
        assertEquals(3, chart.chart().getSeriesMap().size());
        // run 2: lr 1e-3 is half way on a log axis, dropout 0.25 half way, "adam" first of {adam, sgd}, metric best
        double[] run2 = ys(chart, 2);
        assertEquals(0.5, run2[0], 1e-9);
        assertEquals(0.5, run2[1], 1e-9);
        assertEquals(0.0, run2[2], 1e-9);
        assertEquals(1.0, run2[3], 1e-9);
        double[] run1 = ys(chart, 1);
        assertEquals(List.of(0.0, 0.0, 1.0, 0.0), java.util.Arrays.stream(run1).boxed().toList());
        assertTrue(chart.title().startsWith("3 runs by lr, dropout, optimizer"), chart.title());
        assertTrue(Pixels.colours(chart.toBufferedImage()) > 20);
        // the best run is drawn last, on top
        List<String> order = List.copyOf(chart.chart().getSeriesMap().keySet());
        assertEquals("run 2", order.get(order.size() - 1));
    }

    @Test
    void badTablesAreExplained() {
        IllegalArgumentException metric = assertThrows(IllegalArgumentException.class,
                () -> ParallelCoordinatesChart.of(sweep(), "val_loss"));
        assertTrue(metric.getMessage().contains("no numeric column 'val_loss'"), metric.getMessage());
        Table missing = sweep();
        missing.doubleColumn("dropout").setMissing(1);
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> ParallelCoordinatesChart.of(missing, "val_accuracy"));
        assertTrue(gap.getMessage().contains("missing"), gap.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ParallelCoordinatesChart.of(sweep().emptyCopy(), "val_accuracy"));
    }
}
