package org.lenetlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

class ClassificationReportTest {
    // scikit-learn's documentation example, with a fourth class that occurs nowhere in the second report
    private static final ClassificationReport TOY = ClassificationReport.of(ConfusionMatrix.of(
            new int[] {0, 1, 2, 2, 2}, new int[] {0, 0, 2, 2, 1}, List.of("class 0", "class 1", "class 2")));

    @Test
    void printsScikitLearnsDocumentationExample() {
        assertEquals("""
                              precision    recall  f1-score   support

                     class 0       0.50      1.00      0.67         1
                     class 1       0.00      0.00      0.00         1
                     class 2       1.00      0.67      0.80         3

                    accuracy                           0.60         5
                   macro avg       0.50      0.56      0.49         5
                weighted avg       0.70      0.60      0.61         5
                """, TOY.toString());
    }

    @Test
    void digitsWidenTheNumbersAndNameColumn() {
        // scikit-learn's output for digits=14: numbers overflow their columns of 9 and are not cut
        assertEquals("""
                                precision    recall  f1-score   support

                       class 0  0.50000000000000 1.00000000000000 0.66666666666667         1
                       class 1  0.00000000000000 0.00000000000000 0.00000000000000         1
                       class 2  1.00000000000000 0.66666666666667 0.80000000000000         3

                      accuracy                      0.60000000000000         5
                     macro avg  0.50000000000000 0.55555555555556 0.48888888888889         5
                  weighted avg  0.70000000000000 0.60000000000000 0.61333333333333         5
                """, TOY.withDigits(14).toString());
        assertEquals(14, TOY.withDigits(14).digits());
        assertThrows(IllegalArgumentException.class, () -> TOY.withDigits(-1));
    }

    @Test
    void classOccurringNowhereTurnsAccuracyIntoMicroAverage() {
        ClassificationReport report = ClassificationReport.of(ConfusionMatrix.of(new int[] {0, 1, 1},
                new int[] {0, 1, 0}, List.of("a", "b", "never")));
        assertFalse(report.showsAccuracyRow());
        assertTrue(report.toString().contains("\n   micro avg       0.67      0.67      0.67         3\n"),
                report.toString());
        assertTrue(TOY.showsAccuracyRow());
    }

    @Test
    void undefinedValuesAreZeroOrOneAndExplained() {
        ClassificationReport report = ClassificationReport.of(ConfusionMatrix.of(new int[] {0, 0, 1},
                new int[] {0, 2, 0}, List.of("a", "b", "c")));
        // b is never predicted (precision undefined), c never occurs (recall undefined)
        assertEquals(0.0, report.classMetrics(1).precision());
        assertEquals(0.0, report.classMetrics(2).recall());
        ClassificationReport ones = report.withZeroDivision(ZeroDivision.ONE);
        assertEquals(1.0, ones.classMetrics(1).precision());
        assertEquals(1.0, ones.classMetrics(2).recall());
        assertEquals(0.0, ones.classMetrics(2).f1(), "precision of c is 0 (predicted once, wrongly)");
        assertEquals(List.of(
                "Precision is undefined for the class never predicted (b) and is shown as 0.0.",
                "Recall is undefined for the class without examples (c) and is shown as 0.0."),
                report.undefinedMetrics());
        assertEquals("Recall is undefined for the class without examples (c) and is shown as 1.0.",
                ones.undefinedMetrics().get(1));
        assertTrue(TOY.undefinedMetrics().isEmpty());
    }

    @Test
    void tableHoldsTheReportsNumbers() {
        Table table = TOY.toTable();
        assertEquals(List.of("class", "precision", "recall", "f1-score", "support"), table.columnNames());
        assertEquals(List.of("class 0", "class 1", "class 2", "accuracy", "macro avg", "weighted avg"),
                table.stringColumn("class").asList());
        for (int c = 0; c < 3; c++) {
            ClassMetrics row = TOY.classMetrics(c);
            assertEquals(row.precision(), table.doubleColumn("precision").getDouble(c));
            assertEquals(row.recall(), table.doubleColumn("recall").getDouble(c));
            assertEquals(row.f1(), table.doubleColumn("f1-score").getDouble(c));
            assertEquals(row.support(), table.intColumn("support").getInt(c));
        }
        assertTrue(table.doubleColumn("precision").isMissing(3), "the accuracy row has no precision");
        assertEquals(TOY.accuracy(), table.doubleColumn("f1-score").getDouble(3), 1e-15);
        assertEquals(TOY.macroAverage().f1(), table.doubleColumn("f1-score").getDouble(4));
        assertEquals(TOY.weightedAverage().precision(), table.doubleColumn("precision").getDouble(5));
        assertEquals(5, table.intColumn("support").getInt(5));
    }

    @Test
    void csvExportKeepsFullPrecision(@TempDir Path dir) throws Exception {
        Path csv = TOY.writeCsv(dir.resolve("report.csv"));
        Table back = Table.read().csv(csv.toFile());
        assertEquals(6, back.rowCount());
        assertEquals(TOY.classMetrics(2).recall(), back.doubleColumn("recall").getDouble(2));
        assertEquals(TOY.weightedAverage().f1(), back.doubleColumn("f1-score").getDouble(5));
        assertTrue(back.doubleColumn("recall").isMissing(3));
    }

    @Test
    void htmlShowsRoundedNumbersAndEscapesNames() {
        ClassificationReport report = ClassificationReport.of(ConfusionMatrix.of(new int[] {0, 1},
                new int[] {0, 1}, List.of("<b>bold</b>", "x & y")));
        String html = report.toHtml();
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains(">&lt;b&gt;bold&lt;/b&gt;</th>"), html);
        assertTrue(html.contains(">x &amp; y</th>"), html);
        assertTrue(html.contains(">accuracy</th><td></td><td></td><td style=\"text-align:right;padding:2px 8px\">1.00"
                + "</td>"), html);
        assertTrue(TOY.withDigits(3).toHtml().contains(">0.667</td>"));
    }
}
