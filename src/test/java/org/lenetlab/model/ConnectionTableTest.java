package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Table I of LeCun et al. (1998), and connection tables in general. */
class ConnectionTableTest {

    /** Table I as printed in the paper: rows are S2 maps, columns C3 maps, X = connected. */
    private static final List<String> PAPER_TABLE_I = List.of(
            "X   XXX  XXXX XX",
            "XX   XXX  XXXX X",
            "XXX   XXX  X XXX",
            " XXX  XXXX  X XX",
            "  XXX  XXXX XX X",
            "   XXX  XXXX XXX");

    @Test
    void lenet5C3IsTableIOfThePaper() {
        ConnectionTable t = ConnectionTable.lenet5C3();
        assertEquals(6, t.inputs());
        assertEquals(16, t.outputs());
        for (int s2 = 0; s2 < 6; s2++) {
            for (int c3 = 0; c3 < 16; c3++) {
                assertEquals(PAPER_TABLE_I.get(s2).charAt(c3) == 'X', t.isConnected(c3, s2),
                        "S2 map " + s2 + " → C3 map " + c3);
            }
        }
        assertEquals(60, t.connections());
        assertEquals(1_516, t.connections() * 25 + t.outputs(), "the paper's 1,516 trainable parameters");
    }

    @Test
    void groupsAsTheTextDescribes() {
        ConnectionTable t = ConnectionTable.lenet5C3();
        for (int o = 0; o < 6; o++) {
            assertArrayEquals(sorted(o, (o + 1) % 6, (o + 2) % 6), t.inputsOf(o), "3 contiguous maps");
        }
        for (int o = 6; o < 12; o++) {
            int s = o - 6;
            assertArrayEquals(sorted(s, (s + 1) % 6, (s + 2) % 6, (s + 3) % 6), t.inputsOf(o), "4 contiguous maps");
        }
        assertArrayEquals(new int[] {0, 1, 3, 4}, t.inputsOf(12));
        assertArrayEquals(new int[] {1, 2, 4, 5}, t.inputsOf(13));
        assertArrayEquals(new int[] {0, 2, 3, 5}, t.inputsOf(14));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, t.inputsOf(15));
    }

    private static int[] sorted(int... maps) {
        return java.util.Arrays.stream(maps).sorted().toArray();
    }

    @Test
    void connectionsAreNumberedOutputByOutput() {
        ConnectionTable t = ConnectionTable.lenet5C3();
        assertEquals(0, t.connectionIndex(0, 0));
        assertEquals(2, t.connectionIndex(0, 2));
        assertEquals(3, t.connectionIndex(1, 1));
        assertEquals(18, t.connectionIndex(6, 0));
        assertEquals(59, t.connectionIndex(15, 5));
        assertEquals(-1, t.connectionIndex(0, 3));
        assertTrue(ConnectionTable.full(6, 16).isFull());
        assertFalse(t.isFull());
        assertEquals(96, ConnectionTable.full(6, 16).connections());
    }

    @Test
    void drawsLikeThePaper() {
        List<String> lines = ConnectionTable.lenet5C3().toLines();
        assertEquals(7, lines.size());
        assertEquals(" 0   X           X  X  X        X  X  X  X     X  X", lines.get(1));
    }

    @Test
    void refusesInvalidTables() {
        assertThrows(IllegalArgumentException.class, () -> ConnectionTable.of(3, new int[][] {{0, 3}}));
        assertThrows(IllegalArgumentException.class, () -> ConnectionTable.of(3, new int[][] {{1, 1}}));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ConnectionTable.of(3, new int[][] {{0}, {}}));
        assertTrue(empty.getMessage().contains("Output map 1 is connected to no input map"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConnectionTable.of(0, new int[][] {{0}}));
        assertEquals(ConnectionTable.of(2, new int[][] {{1, 0}}), ConnectionTable.of(2, new int[][] {{0, 1}}));
    }
}
