package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/** Runs compared: order and replacement, the gap table's values, the verdicts against a baseline, bad input. */
class RunComparisonTest {

    private static TrainingResult run(double trainAccuracy, double valAccuracy, double trainLoss, double valLoss) {
        History h = History.of(List.of(
                new EpochRecord(1, 0.9, 0.7, 0.8, 0.72, 0.01, 2, false),
                new EpochRecord(2, trainLoss, trainAccuracy, valLoss, valAccuracy, 0.01, 4, false),
                new EpochRecord(3, trainLoss / 2, Math.min(1, trainAccuracy + 0.01), valLoss * 1.5,
                        valAccuracy - 0.01, 0.01, 6, false)));
        return new TrainingResult(null, h, StopReason.COMPLETED, "completed", OptionalInt.empty(), 12, 10, 300);
    }

    private static RunComparison threeRuns() {
        return new RunComparison()
                .add("none", run(0.99, 0.90, 0.03, 0.30))
                .add("dropout 0.5", run(0.95, 0.94, 0.15, 0.18))
                .add("L2", run(0.99, 0.905, 0.03, 0.29));
    }

    @Test
    void gapTableHasOneRowPerRunAtItsBestEpoch() {
        Table t = threeRuns().gapTable();
        assertEquals("generalisation gaps", t.name());
        assertEquals(List.of("run", "parameters", "epochs", "best_epoch", "accuracy", "val_accuracy", "accuracy_gap",
                "loss", "val_loss", "loss_gap", "s_per_epoch"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals("dropout 0.5", t.stringColumn("run").get(1));
        assertEquals(2, t.intColumn("best_epoch").get(1), "lowest validation loss");
        assertEquals(3, t.intColumn("epochs").get(1));
        assertEquals(0.01, t.doubleColumn("accuracy_gap").get(1), 1e-12);
        assertEquals(0.09, t.doubleColumn("accuracy_gap").get(0), 1e-12);
        assertEquals(0.27, t.doubleColumn("loss_gap").get(0), 1e-12);
        assertEquals(4.0, t.doubleColumn("s_per_epoch").get(0), 1e-12);
        assertTrue(t.longColumn("parameters").isMissing(0), "no network, no parameter count");
    }

    @Test
    void versusJudgesAgainstTheNoiseBandOfTheValidationSet() {
        RunComparison runs = threeRuns();
        // p = 0.90, n = 1,000: band 1.96 * sqrt(2 * 0.9 * 0.1 / 1000) = 2.63 pts
        String text = runs.versus("none", 1000);
        List<String> lines = text.lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("within ±2.63 pts are noise on 1,000 validation images"), lines.get(0));
        assertEquals("  dropout 0.5: validation accuracy 94.00 % (+4.00 pts, better), accuracy gap +1.00 pts "
                + "(smaller: less overfitting)", lines.get(1));
        assertEquals("  L2: validation accuracy 90.50 % (+0.50 pts, about the same), accuracy gap +8.50 pts "
                + "(about the same)", lines.get(2));
        // the same differences on 100,000 images are findings
        assertTrue(runs.versus("none", 100_000).contains("L2: validation accuracy 90.50 % (+0.50 pts, better)"));
    }

    @Test
    void gapChangesAreOnlyCalledOverfittingWhenThereIsOverfitting() {
        // an underfitting baseline (gap -1 pt): a smaller gap is not "less overfitting"
        RunComparison underfit = new RunComparison()
                .add("none", run(0.80, 0.81, 0.6, 0.5))
                .add("dropout", run(0.60, 0.75, 1.2, 0.7))
                .add("batch norm", run(0.95, 0.90, 0.15, 0.3));
        List<String> lines = underfit.versus("none", 1000).lines().toList();
        assertTrue(lines.get(1).endsWith("accuracy gap -15.00 pts (smaller, but the baseline does not overfit)"),
                lines.get(1));
        assertTrue(lines.get(2).endsWith("accuracy gap +5.00 pts (larger: more overfitting)"), lines.get(2));
        // a larger gap that is still inside the band around zero
        RunComparison small = new RunComparison()
                .add("none", run(0.80, 0.81, 0.6, 0.5))
                .add("l2", run(0.82, 0.80, 0.55, 0.5));
        assertTrue(small.versus("none", 200).contains("(about the same)"), small.versus("none", 200));
        assertTrue(small.versus("none", 2_000).endsWith("(larger, but within the noise of no overfitting)"),
                small.versus("none", 2_000));
    }

    @Test
    void addingANameAgainReplacesTheRunAndKeepsItsPlace() {
        RunComparison runs = threeRuns();
        TrainingResult again = run(0.97, 0.96, 0.1, 0.12);
        runs.add("none", again);
        assertEquals(List.of("none", "dropout 0.5", "L2"), runs.names());
        assertEquals(3, runs.size());
        assertEquals(again, runs.result("none"));
        assertEquals(List.of("L2", "none"), List.copyOf(runs.histories("L2", "none").keySet()));
        assertEquals(again.history(), runs.histories().get("none"));
    }

    @Test
    void unknownNamesAndRunsWithoutValidationAreRefused() {
        RunComparison runs = threeRuns();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> runs.result("dropout"))
                .getMessage().contains("[none, dropout 0.5, L2]"));
        assertThrows(IllegalArgumentException.class, () -> runs.versus("batch norm", 100));
        assertThrows(IllegalArgumentException.class, () -> runs.versus("none", 0));
        History noVal = History.of(List.of(new EpochRecord(1, 0.5, 0.8, Double.NaN, Double.NaN, 1e-3, 1, false)));
        TrainingResult unvalidated = new TrainingResult(null, noVal, StopReason.COMPLETED, "completed",
                OptionalInt.empty(), 1, 1, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runs.add("no validation", unvalidated));
        assertTrue(e.getMessage().startsWith("run 'no validation' cannot be compared"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> runs.add(" ", run(0.9, 0.9, 0.1, 0.1)));
    }
}
