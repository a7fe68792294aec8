package org.lenetlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.eval.ClassificationEvaluation;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Text, HTML and CSV renderings of Tablesaw tables. */
class TablesTest {
    @TempDir
    Path tmp;

    private static Table table() {
        return Table.create("runs", StringColumn.create("name", "a<b", "long name"),
                IntColumn.create("images", 12000, 5), DoubleColumn.create("accuracy", 0.98765, Double.NaN));
    }

    @Test
    void textLinesUpInATerminal() {
        String text = Tables.toText(table(), 3);
        List<String> lines = text.lines().toList();
        assertEquals("runs", lines.get(0));
        assertEquals("name       images  accuracy", lines.get(1));
        assertEquals("a<b        12,000     0.988", lines.get(3));
        assertEquals("long name       5", lines.get(4), "a missing value is blank");
        assertEquals(lines.get(1).length(), lines.get(2).length(), "the rule spans the header");
        assertThrows(IllegalArgumentException.class, () -> Tables.toText(table(), 13));
    }

    @Test
    void htmlEscapesAndAligns() {
        String html = Tables.toHtml(table());
        assertTrue(html.contains("<caption>runs</caption>"));
        assertTrue(html.contains(">a&lt;b</td>"), html);
        assertTrue(html.contains("text-align:right;padding:2px 8px\">0.9877</td>"), html);
    }

    @Test
    void csvRoundTripsTheEvaluationNumbers() throws IOException {
        ClassificationEvaluation e = ClassificationEvaluation.of(new int[] {0, 0, 1, 1, 1}, new int[] {0, 1, 1, 1, 0},
                List.of("cat", "dog"));
        Path csv = Tables.writeCsv(e.toTable(), tmp.resolve("report.csv"));
        Table back = Table.read().csv(csv.toFile());
        assertEquals("cat", back.stringColumn("class").get(0));
        assertEquals(e.precision(1), back.doubleColumn("precision").get(1), 1e-12);
        assertEquals(e.recall(1), back.doubleColumn("recall").get(1), 1e-12);
        assertEquals(e.f1(0), back.doubleColumn("f1-score").get(0), 1e-12);
        assertEquals(3, back.intColumn("support").get(1));
    }
}
