package org.lenetlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Side-by-side per-class recall and F1 of two evaluations, means over chosen classes, mismatches refused. */
class ClassComparisonTest {
    private static final List<String> NAMES = List.of("a", "b", "rare");
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 1, 2, 2};

    @Test
    void comparesRecallAndF1PerClass() {
        ClassificationEvaluation plain = ClassificationEvaluation.of(ACTUAL, new int[] {0, 0, 0, 1, 1, 1, 0, 1}, NAMES);
        ClassificationEvaluation weighted = ClassificationEvaluation.of(ACTUAL, new int[] {0, 0, 2, 1, 1, 1, 2, 2},
                NAMES);
        ClassComparison cmp = ClassComparison.of("plain", plain, "weighted", weighted);
        assertEquals(0.0, cmp.meanRecallA(2), 0);
        assertEquals(1.0, cmp.meanRecallB(2), 0);
        assertEquals((1 + 1 + 0) / 3.0, cmp.meanRecallA(), 1e-12);
        assertEquals((2 / 3.0 + 1 + 1) / 3.0, cmp.meanRecallB(), 1e-12);
        assertEquals(0.8, cmp.meanF1B(2), 1e-12); // precision 2/3, recall 1
        assertEquals(0.0, cmp.meanF1A(2), 0);
        String table = cmp.toString();
        assertTrue(table.startsWith("A = plain, B = weighted"), table);
        assertTrue(table.contains("rare         2    0.0000    1.0000  +1.0000"), table);
    }

    @Test
    void refusesDifferentTestSets() {
        ClassificationEvaluation a = ClassificationEvaluation.of(ACTUAL, ACTUAL, NAMES);
        ClassificationEvaluation shorter = ClassificationEvaluation.of(new int[] {0, 1}, new int[] {0, 1}, NAMES);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassComparison.of("a", a, "b", shorter))
                .getMessage().contains("different test images"));
        ClassificationEvaluation renamed = ClassificationEvaluation.of(ACTUAL, ACTUAL, List.of("x", "y", "z"));
        assertThrows(IllegalArgumentException.class, () -> ClassComparison.of("a", a, "b", renamed));
        assertThrows(IllegalArgumentException.class, () -> ClassComparison.of("a", a, "b", a).meanRecallA(3));
    }
}
