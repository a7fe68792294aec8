package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** {@link ModelSummary#toTable()} lists the summary's layers and parameter counts. */
class ModelSummaryTableTest {

    @org.junit.jupiter.api.BeforeAll
    static void backend() {
        org.lenetlab.backend.Backend.configure();
    }

    @Test
    void tableEqualsTheSummary() {
        ModelSummary summary = LeNet5.builder().build().summary().withTitle("LeNet-5");
        Table t = summary.toTable();
        assertEquals("model summary: LeNet-5", t.name());
        assertEquals(List.of("layer", "type", "output shape", "params", "trainable params"), t.columnNames());
        assertEquals(summary.rows().size(), t.rowCount());
        assertEquals(61_706L, (long) t.longColumn("params").sum());
        for (int i = 0; i < t.rowCount(); i++) {
            ModelSummary.Row row = summary.rows().get(i);
            assertEquals(row.name(), t.stringColumn("layer").get(i));
            assertEquals(row.outputShape(), t.stringColumn("output shape").get(i));
            assertEquals(row.params(), t.longColumn("params").get(i));
        }
    }
}
