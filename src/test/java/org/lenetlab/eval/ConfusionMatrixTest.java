package org.lenetlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

class ConfusionMatrixTest {
    private static final List<String> NAMES = List.of("cat", "dog", "bird");
    // rows = true: cat [1 0 0], dog [1 0 0], bird [0 1 2]
    private static final ConfusionMatrix MATRIX = ConfusionMatrix.of(new int[] {0, 1, 2, 2, 2},
            new int[] {0, 0, 2, 2, 1}, NAMES);

    @Test
    void countsTrueClassesInRowsAndPredictionsInColumns() {
        assertArrayEquals(new int[][] {{1, 0, 0}, {1, 0, 0}, {0, 1, 2}}, MATRIX.counts());
        assertEquals(1, MATRIX.count(1, 0), "the dog predicted as cat");
        assertArrayEquals(new int[] {1, 1, 3}, MATRIX.actualTotals());
        assertArrayEquals(new int[] {2, 1, 2}, MATRIX.predictedTotals());
        assertEquals(5, MATRIX.total());
        assertEquals(3, MATRIX.correct());
        assertEquals(0.6, MATRIX.accuracy(), 1e-15);
    }

    @Test
    void countsAreCopiedOut() {
        int[][] counts = MATRIX.counts();
        counts[0][0] = 99;
        assertEquals(1, MATRIX.count(0, 0));
    }

    @Test
    void rowNormalisedRowsSumToOneAndGivePerClassAccuracy() {
        double[][] rates = MATRIX.rowNormalized();
        assertArrayEquals(new double[] {1, 0, 0}, rates[0], 1e-15);
        assertArrayEquals(new double[] {0, 1.0 / 3, 2.0 / 3}, rates[2], 1e-15);
        assertArrayEquals(new double[] {1, 0, 2.0 / 3}, MATRIX.perClassAccuracy(), 1e-15);
        assertArrayEquals(new double[] {0.5, 0, 0}, MATRIX.columnNormalized()[0], 1e-15);
        assertArrayEquals(new double[] {0, 0.2, 0.4}, MATRIX.totalNormalized()[2], 1e-15);
    }

    @Test
    void classWithoutExamplesHasZeroRowAndZeroAccuracy() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1}, new int[] {0, 2, 1}, NAMES);
        assertArrayEquals(new double[] {0, 0, 0}, m.rowNormalized()[2]);
        assertEquals(0.0, m.perClassAccuracy()[2]);
    }

    @Test
    void mostConfusedPairsComeByCountThenShareOfTheTrueClass() {
        ConfusionMatrix m = ConfusionMatrix.of(
                new int[] {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2},
                new int[] {1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 2, 2, 2, 2, 2}, NAMES);
        // cat->dog 2 of 4, dog->cat 2 of 3, bird->cat 2 of 8, bird->dog 1 of 8
        List<ConfusedPair> pairs = m.mostConfusedPairs(10);
        assertEquals(4, pairs.size(), "only cells with mistakes");
        assertEquals(new ConfusedPair(1, "dog", 0, "cat", 2, 2.0 / 3), pairs.get(0));
        assertEquals(new ConfusedPair(0, "cat", 1, "dog", 2, 0.5), pairs.get(1));
        assertEquals(new ConfusedPair(2, "bird", 0, "cat", 2, 0.25), pairs.get(2));
        assertEquals(new ConfusedPair(2, "bird", 1, "dog", 1, 0.125), pairs.get(3));
        assertEquals(2, m.mostConfusedPairs(2).size());
        assertEquals("dog -> cat: 2 (66.7% of dog)", pairs.get(0).toString());
        assertTrue(ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, NAMES).mostConfusedPairs(3).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> m.mostConfusedPairs(-1));
    }

    @Test
    void textPutsTrueClassesInRows() {
        assertEquals("""
                true \\ predicted  cat  dog bird
                             cat    1    0    0
                             dog    1    0    0
                            bird    0    1    2
                """, MATRIX.toString());
    }

    @Test
    void textHeadsColumnsByIndexWhenNamesAreLong() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {1, 1},
                List.of("a rather long name", "short"));
        assertEquals("""
                    true \\ predicted 0 1
                0 a rather long name 0 1
                             1 short 0 1
                """, m.toString());
    }

    @Test
    void htmlEscapesClassNamesAndShadesByShare() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 0},
                List.of("<script>alert('x')</script>", "a & b"));
        String html = m.toHtml();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
        assertTrue(html.contains(">a &amp; b</th>"), html);
        assertTrue(html.contains("background-color:rgba(33,102,172,1.000)"), "correct cell fully blue: " + html);
        assertTrue(html.contains("background-color:rgba(178,24,43,1.000)"), "a&b all wrong, fully red: " + html);
        assertTrue(html.contains("title=\"true a &amp; b, predicted &lt;script&gt;"), html);
    }

    @Test
    void tableHasCornerColumnThenOneCountColumnPerPredictedClass() {
        Table table = MATRIX.toTable();
        assertEquals(List.of(ConfusionMatrix.CORNER_LABEL, "cat", "dog", "bird"), table.columnNames());
        assertEquals(3, table.rowCount());
        assertEquals("bird", table.stringColumn(0).get(2));
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(MATRIX.count(t, p), table.intColumn(p + 1).getInt(t), "cell " + t + "," + p);
            }
        }
        Table rates = MATRIX.rowNormalizedTable();
        assertEquals(2.0 / 3, rates.doubleColumn("bird").getDouble(2), 1e-15);
    }

    @Test
    void tableSurvivesNamesTablesawWouldConsiderDuplicates() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, List.of("Cat", "cat"));
        assertEquals(List.of(ConfusionMatrix.CORNER_LABEL, "Cat", "cat #1"), m.toTable().columnNames());
    }

    @Test
    void csvExportReadsBackToTheSameCounts(@TempDir Path dir) throws Exception {
        Path csv = MATRIX.writeCsv(dir.resolve("confusion.csv"));
        Table back = Table.read().csv(csv.toFile());
        assertEquals(List.of(ConfusionMatrix.CORNER_LABEL, "cat", "dog", "bird"), back.columnNames());
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(MATRIX.count(t, p), ((Number) back.column(p + 1).get(t)).intValue());
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(csv), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        assertMessage("3 actual labels but 2 predicted labels",
                () -> ConfusionMatrix.of(new int[] {0, 1, 2}, new int[] {0, 1}, NAMES));
        assertMessage("no examples to evaluate", () -> ConfusionMatrix.of(new int[0], new int[0], NAMES));
        assertMessage("actual label 3 of example 1 is outside 0..2",
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, NAMES));
        assertMessage("predicted label -1 of example 0 is outside 0..2",
                () -> ConfusionMatrix.of(new int[] {0}, new int[] {-1}, NAMES));
        assertMessage("class names are missing", () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of()));
        assertMessage("classes 0 and 2 are both named \"cat\"",
                () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, List.of("cat", "dog", "cat")));
        assertMessage("actual labels are null", () -> ConfusionMatrix.of(null, new int[] {0}, NAMES));
    }

    static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart), "message \"" + e.getMessage() + "\" should contain \""
                + expectedPart + "\"");
    }
}
