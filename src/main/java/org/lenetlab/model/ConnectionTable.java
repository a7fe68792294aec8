package org.lenetlab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which input feature maps each output feature map of a convolution sees.
 *
 * <p>An ordinary convolution connects every output map to every input map. LeNet-5's layer C3 does not: each of
 * its 16 maps combines only a subset of S2's 6 maps ({@link #lenet5C3()}, Table I of LeCun et al. 1998). The
 * paper gives two reasons: fewer connections (and parameters), and broken symmetry, so that different maps are
 * forced to learn different, complementary features.
 *
 * <p>Each connection is one {@code k×k} kernel. Connections are numbered output map by output map, and within an
 * output map by ascending input map; {@link ConnectionTableConvolution} stores its kernels in that order.
 */
public final class ConnectionTable {
    private final int inputs;
    private final int[][] inputsOfOutput;

    private ConnectionTable(int inputs, int[][] inputsOfOutput) {
        this.inputs = inputs;
        this.inputsOfOutput = inputsOfOutput;
    }

    /**
     * Builds a table from the input maps of each output map.
     *
     * @param inputs         number of input maps
     * @param inputsOfOutput for each output map, the input maps it reads (any order, no repeats)
     * @return the table
     * @throws IllegalArgumentException if an output map reads no map, an index is out of range or repeated
     */
    public static ConnectionTable of(int inputs, int[][] inputsOfOutput) {
        if (inputs < 1) {
            throw new IllegalArgumentException("A connection table needs at least one input map, got " + inputs);
        }
        if (inputsOfOutput == null || inputsOfOutput.length == 0) {
            throw new IllegalArgumentException("A connection table needs at least one output map");
        }
        int[][] sorted = new int[inputsOfOutput.length][];
        for (int o = 0; o < inputsOfOutput.length; o++) {
            int[] row = inputsOfOutput[o] == null ? new int[0] : inputsOfOutput[o].clone();
            Arrays.sort(row);
            if (row.length == 0) {
                throw new IllegalArgumentException("Output map " + o + " is connected to no input map; every output "
                        + "map needs at least one");
            }
            for (int k = 0; k < row.length; k++) {
                if (row[k] < 0 || row[k] >= inputs) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "Output map %d reads input map %d, but there are only input maps 0..%d", o, row[k],
                            inputs - 1));
                }
                if (k > 0 && row[k] == row[k - 1]) {
                    throw new IllegalArgumentException("Output map " + o + " lists input map " + row[k] + " twice");
                }
            }
            sorted[o] = row;
        }
        return new ConnectionTable(inputs, sorted);
    }

    /**
     * @param inputs  number of input maps
     * @param outputs number of output maps
     * @return the table of an ordinary convolution: every output map reads every input map
     */
    public static ConnectionTable full(int inputs, int outputs) {
        int[][] rows = new int[outputs][];
        for (int o = 0; o < outputs; o++) {
            rows[o] = new int[inputs];
            for (int i = 0; i < inputs; i++) {
                rows[o][i] = i;
            }
        }
        return of(inputs, rows);
    }

    /**
     * Table I of LeCun, Bottou, Bengio and Haffner (1998), "Gradient-based learning applied to document
     * recognition": the connections from S2's 6 maps to C3's 16 maps. Maps 0–5 read 3 contiguous S2 maps
     * (cyclically), maps 6–11 read 4 contiguous ones, maps 12–14 read 4 non-contiguous ones and map 15 reads all
     * 6: 60 connections in all.
     *
     * @return the LeNet-5 C3 table (6 inputs, 16 outputs, 60 connections)
     */
    public static ConnectionTable lenet5C3() {
        return of(6, new int[][] {
                {0, 1, 2}, {1, 2, 3}, {2, 3, 4}, {3, 4, 5}, {4, 5, 0}, {5, 0, 1},
                {0, 1, 2, 3}, {1, 2, 3, 4}, {2, 3, 4, 5}, {3, 4, 5, 0}, {4, 5, 0, 1}, {5, 0, 1, 2},
                {0, 1, 3, 4}, {1, 2, 4, 5}, {0, 2, 3, 5},
                {0, 1, 2, 3, 4, 5}});
    }

    /** @return number of input maps */
    public int inputs() {
        return inputs;
    }

    /** @return number of output maps */
    public int outputs() {
        return inputsOfOutput.length;
    }

    /** @return number of (output map, input map) pairs, i.e. of kernels */
    public int connections() {
        int n = 0;
        for (int[] row : inputsOfOutput) {
            n += row.length;
        }
        return n;
    }

    /**
     * @param output an output map
     * @return the input maps it reads, ascending (a copy)
     */
    public int[] inputsOf(int output) {
        return inputsOfOutput[output].clone();
    }

    /**
     * @param output an output map
     * @param input  an input map
     * @return whether the output map reads the input map
     */
    public boolean isConnected(int output, int input) {
        return Arrays.binarySearch(inputsOfOutput[output], input) >= 0;
    }

    /**
     * @param output an output map
     * @param input  an input map
     * @return the number of the connection's kernel (see the class comment), or -1 if they are not connected
     */
    public int connectionIndex(int output, int input) {
        int k = Arrays.binarySearch(inputsOfOutput[output], input);
        if (k < 0) {
            return -1;
        }
        int index = 0;
        for (int o = 0; o < output; o++) {
            index += inputsOfOutput[o].length;
        }
        return index + k;
    }

    /** @return true if every output map reads every input map */
    public boolean isFull() {
        return connections() == inputs * outputs();
    }

    /** @return for each output map, its input maps (copies), e.g. for serialisation */
    public int[][] toArray() {
        int[][] copy = new int[inputsOfOutput.length][];
        for (int o = 0; o < copy.length; o++) {
            copy[o] = inputsOfOutput[o].clone();
        }
        return copy;
    }

    /**
     * Draws the table like the paper: one row per input map, one column per output map, {@code X} where they are
     * connected.
     *
     * @return the table as text lines
     */
    public List<String> toLines() {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("   ");
        for (int o = 0; o < outputs(); o++) {
            header.append(String.format(Locale.ROOT, "%3d", o));
        }
        lines.add(header.toString());
        for (int i = 0; i < inputs; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%2d ", i));
            for (int o = 0; o < outputs(); o++) {
                row.append(isConnected(o, i) ? "  X" : "   ");
            }
            lines.add(row.toString().stripTrailing());
        }
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionTable t && t.inputs == inputs && Arrays.deepEquals(t.inputsOfOutput, inputsOfOutput);
    }

    @Override
    public int hashCode() {
        return 31 * inputs + Arrays.deepHashCode(inputsOfOutput);
    }

    /** @return the drawing of {@link #toLines()} */
    @Override
    public String toString() {
        return String.join("\n", toLines());
    }
}
