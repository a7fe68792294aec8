package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

/** Per-class counts, shares and mean pixels, checked by hand and against the bundled digits. */
class DatasetStatisticsTest {
    @TempDir
    Path tmp;

    @Test
    void handComputedValues() throws Exception {
        // three 1×2 images: class a = [0, 1] and [1, 1], class b = [0, 0]; class c has none
        ImageDataset d = new ImageDataset("tiny", "test", new float[] {0, 1, 1, 1, 0, 0}, new int[] {0, 0, 1}, 1, 1,
                2, List.of("a", "b", "c"));
        DatasetStatistics s = DatasetStatistics.of(d);
        assertArrayEquals(new int[] {2, 1, 0}, s.counts());
        assertEquals(2.0 / 3, s.share(0), 1e-12);
        assertEquals(0.75, s.meanPixels()[0], 1e-12);
        assertEquals(0.0, s.meanPixels()[1], 1e-12);
        assertTrue(Double.isNaN(s.meanPixels()[2]));
        assertEquals(0.5, s.meanPixel(), 1e-12);
        assertEquals(0.5, s.pixelStd(), 1e-12);
        assertTrue(Double.isInfinite(s.imbalance()));
        Table back = Table.read().csv(s.writeCsv(tmp.resolve("stats.csv")).toFile());
        assertEquals(List.of("class", "count", "share", "mean pixel"), back.columnNames());
        assertEquals(2, back.intColumn("count").get(0));
    }

    @Test
    void bundledDigitsMatchTheirClassCounts() throws Exception {
        ImageDataset test = Mnist.sample(Split.TEST);
        DatasetStatistics s = DatasetStatistics.of(test);
        assertArrayEquals(test.classCounts(), s.counts());
        assertEquals(2000, s.size());
        Table t = s.toTable();
        assertEquals(1.0, t.doubleColumn("share").sum(), 1e-9);
        double[] means = s.meanPixels();
        assertTrue(means[1] < means[0] && means[1] < means[8], "a 1 carries less ink than a 0 or an 8");
        assertTrue(s.toString().startsWith("MNIST sample (test): 2,000 images, 10 classes"), s.toString());
    }
}
