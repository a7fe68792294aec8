package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    static History sample() {
        return History.of(List.of(
                new EpochRecord(1, 0.6931471805599453, 0.812, 0.30117, 0.9105, 1e-3, 3.25, false),
                new EpochRecord(2, 0.2234, 0.9325, 0.19870000000000001, 0.941, 1e-3, 3.0, true),
                new EpochRecord(3, 0.1502, 0.9551, 0.2011, 0.9399, 1e-4, 2.9, false)))
                .withRestoredEpoch(2);
    }

    static History withoutValidation() {
        return History.of(List.of(
                new EpochRecord(1, 1.5, 0.5, Double.NaN, Double.NaN, 0.1, 1, false),
                new EpochRecord(2, 1.2, 0.6, Double.NaN, Double.NaN, 0.05, 1, false)));
    }

    @Test
    void columnsAsPlainArrays() {
        History h = sample();
        assertArrayEquals(new int[] {1, 2, 3}, h.epochs());
        assertArrayEquals(new double[] {0.6931471805599453, 0.2234, 0.1502}, h.losses());
        assertArrayEquals(new double[] {0.812, 0.9325, 0.9551}, h.accuracies());
        assertArrayEquals(new double[] {0.30117, 0.19870000000000001, 0.2011}, h.valLosses());
        assertArrayEquals(new double[] {0.9105, 0.941, 0.9399}, h.valAccuracies());
        assertArrayEquals(new double[] {1e-3, 1e-3, 1e-4}, h.learningRates());
        assertArrayEquals(new int[] {3}, h.learningRateDrops());
        assertArrayEquals(new int[] {2}, h.plateauReductions());
        assertEquals(9.15, h.totalSeconds(), 1e-12);
        assertEquals(OptionalInt.of(2), h.bestEpoch());
        assertEquals(OptionalInt.of(2), h.bestEpoch(Metric.VAL_ACCURACY));
        assertEquals(OptionalInt.of(3), h.bestEpoch(Metric.LOSS));
        assertEquals(OptionalInt.of(2), h.restoredEpoch());
        assertTrue(h.hasValidation());
        assertFalse(withoutValidation().hasValidation());
        assertEquals(OptionalInt.of(2), withoutValidation().bestEpoch(), "training loss without validation");
        assertEquals(OptionalInt.empty(), withoutValidation().bestEpoch(Metric.VAL_LOSS));
    }

    @Test
    void csvRoundTripKeepsEveryBit() throws IOException {
        for (History h : List.of(sample(), withoutValidation(), History.empty())) {
            String csv = h.toCsv();
            assertEquals(h, History.fromCsv(csv, "test.csv"));
        }
        String csv = sample().toCsv();
        assertTrue(csv.startsWith(History.CSV_HEADER + "\n"), csv);
        assertTrue(csv.contains("\n2,0.2234,0.9325,0.19870000000000002,0.941,0.001,3.0,true,true\n"), csv);
        assertTrue(withoutValidation().toCsv().contains("\n1,1.5,0.5,,,0.1,1.0,false,false\n"),
                "no validation: empty cells");
    }

    @Test
    void jsonRoundTripKeepsEveryBit() throws IOException {
        for (History h : List.of(sample(), withoutValidation(), History.empty())) {
            assertEquals(h, History.fromJson(h.toJson(), "test.json"));
        }
        String json = withoutValidation().toJson();
        assertTrue(json.contains("\"val_loss\" : null"), json);
        assertTrue(sample().toJson().contains("\"restored_epoch\" : 2"));
    }

    @Test
    void filesAreWrittenAtomicallyAndReadBack(@TempDir Path dir) throws IOException {
        History h = sample();
        h.writeCsv(dir.resolve("history.csv"));
        h.writeJson(dir.resolve("history.json"));
        assertEquals(h, History.read(dir.resolve("history.csv")));
        assertEquals(h, History.read(dir.resolve("history.json")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("history.csv", "history.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void badFilesAreReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        IOException header = assertThrows(IOException.class, () -> History.fromCsv("a,b\n1,2\n", "runs/x.csv"));
        assertTrue(header.getMessage().contains("runs/x.csv") && header.getMessage().contains(History.CSV_HEADER),
                header.getMessage());
        String bad = History.CSV_HEADER + "\n1,0.5,zero,,,0.1,1.0,false,false\n";
        IOException number = assertThrows(IOException.class, () -> History.fromCsv(bad, "h.csv"));
        assertTrue(number.getMessage().contains("h.csv line 2") && number.getMessage().contains("accuracy"),
                number.getMessage());
        String gap = History.CSV_HEADER + "\n2,0.5,0.5,,,0.1,1.0,false,false\n";
        IOException order = assertThrows(IOException.class, () -> History.fromCsv(gap, "h.csv"));
        assertTrue(order.getMessage().contains("epoch 1"), order.getMessage());
        IOException json = assertThrows(IOException.class, () -> History.fromJson("{\"format\": \"other\"}", "h.json"));
        assertTrue(json.getMessage().contains("h.json"), json.getMessage());
        IOException broken = assertThrows(IOException.class, () -> History.fromJson("{\"epochs\": [", "h.json"));
        assertTrue(broken.getMessage().contains("not valid JSON"), broken.getMessage());
        IOException missing = assertThrows(IOException.class, () -> History.read(dir.resolve("none.csv")));
        assertTrue(missing.getMessage().contains("none.csv"), missing.getMessage());
        Files.writeString(dir.resolve("h.txt"), "x");
        assertTrue(assertThrows(IOException.class, () -> History.read(dir.resolve("h.txt"))).getMessage()
                .contains(".csv or .json"));
        assertThrows(IllegalArgumentException.class, () -> History.empty().append(
                new EpochRecord(2, 1, 1, 1, 1, 1, 1, false)));
    }

    @Test
    void toStringIsAnAlignedTable() {
        String table = sample().toString();
        String[] lines = table.split("\n");
        assertEquals(4, lines.length, table);
        assertEquals("epoch    loss  accuracy  val_loss  val_accuracy        lr  seconds", lines[0]);
        assertEquals("    1  0.6931    81.20%    0.3012        91.05%  1.00e-03      3.3", lines[1]);
        assertEquals("    2  0.2234    93.25%    0.1987        94.10%  1.00e-03      3.0  best, restored, lr reduced",
                lines[2]);
        assertEquals("    3  0.1502    95.51%    0.2011        93.99%  1.00e-04      2.9", lines[3]);
        assertEquals("(no epochs trained)", History.empty().toString());
        assertTrue(withoutValidation().toString().startsWith("epoch    loss  accuracy        lr  seconds\n"),
                withoutValidation().toString());
    }

    @Test
    void sameMetricsIgnoresTiming() {
        History a = sample();
        History b = History.of(a.records().stream()
                .map(r -> new EpochRecord(r.epoch(), r.loss(), r.accuracy(), r.valLoss(), r.valAccuracy(),
                        r.learningRate(), r.seconds() + 1, r.lrReduced())).toList()).withRestoredEpoch(2);
        assertFalse(a.equals(b));
        assertTrue(a.sameMetrics(b));
        assertFalse(a.sameMetrics(b.withRestoredEpoch(0)));
    }
}
