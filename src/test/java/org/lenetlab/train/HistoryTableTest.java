package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** {@link History#toTable()} holds exactly the history's numbers. */
class HistoryTableTest {

    @Test
    void tableEqualsTheHistory() {
        History h = History.of(List.of(
                new EpochRecord(1, 0.9, 0.7, 0.8, 0.75, 1e-3, 2.0, false),
                new EpochRecord(2, 0.5, 0.85, 0.6, 0.82, 1e-3, 2.1, true),
                new EpochRecord(3, 0.4, 0.9, 0.65, 0.81, 5e-4, 2.2, false))).withRestoredEpoch(2);
        Table t = h.toTable();
        assertEquals(List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds",
                "lr_reduced", "restored"), t.columnNames());
        assertEquals(History.CSV_HEADER, String.join(",", t.columnNames()));
        assertEquals(3, t.rowCount());
        for (int i = 0; i < 3; i++) {
            EpochRecord r = h.epoch(i + 1);
            assertEquals(r.epoch(), t.intColumn("epoch").get(i));
            assertEquals(r.loss(), t.doubleColumn("loss").get(i));
            assertEquals(r.valAccuracy(), t.doubleColumn("val_accuracy").get(i));
            assertEquals(r.learningRate(), t.doubleColumn("learning_rate").get(i));
            assertEquals(r.lrReduced(), t.booleanColumn("lr_reduced").get(i));
            assertEquals(i == 1, t.booleanColumn("restored").get(i));
        }
    }

    @Test
    void missingValidationIsMissingNotNaNText() {
        History h = History.of(List.of(new EpochRecord(1, 0.9, 0.7, Double.NaN, Double.NaN, 0.01, 1, false)));
        Table t = h.toTable();
        assertTrue(t.doubleColumn("val_loss").isMissing(0));
        assertEquals(0, h.empty().toTable().rowCount());
    }
}
