package org.lenetlab.notebook;

/**
 * Where and why a notebook stopped.
 *
 * @param notebook   the notebook's name or path
 * @param cellNumber the failing cell's position among the code cells, from 1; 0 if no cell was at fault (the
 *                   session did not start)
 * @param firstLine  the failing cell's first line, empty if no cell was at fault
 * @param ename      the error's name ({@code ArithmeticException}, {@code CompilationException},
 *                   {@code CellTimeout}, ...)
 * @param evalue     the error's message
 */
public record CellFailure(String notebook, int cellNumber, String firstLine, String ename, String evalue) {

    /**
     * @return one line that says it all, e.g. {@code 01-lenet5.ipynb, cell 4 (int x = 1 / 0;): ArithmeticException:
     *         / by zero}
     */
    public String message() {
        String where = cellNumber > 0 ? notebook + ", cell " + cellNumber + " (" + firstLine + ")" : notebook;
        String firstValueLine = evalue.lines().findFirst().orElse("");
        return where + ": " + ename + (firstValueLine.isEmpty() ? "" : ": " + firstValueLine);
    }

    @Override
    public String toString() {
        return message();
    }
}
