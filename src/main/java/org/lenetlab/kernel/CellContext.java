package org.lenetlab.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * The cell a thread is working for: where its {@code System.out}, {@code System.err} and {@code display(...)} calls
 * go. The cell thread enters the context when a cell starts; threads the cell starts inherit it (an inheritable
 * thread-local), so their output reaches the cell that started them, also after that cell has finished. Threads
 * that belong to no cell, or to a finished one while another cell runs (pooled threads created long ago), write to
 * the running cell; with no cell running at all their output goes to the kernel's fallback streams.
 */
final class CellContext {
    private static final InheritableThreadLocal<CellContext> INHERITED = new InheritableThreadLocal<>();
    private static volatile CellContext running;

    private final CellOutput output;
    private final int number;
    private volatile boolean finished;
    private volatile boolean interrupted;

    CellContext(OutputSink sink, int number) {
        this.output = new CellOutput(sink);
        this.number = number;
    }

    /** @return the cell whose output the calling thread produces, or {@code null} if none */
    static CellContext current() {
        if (CellOutput.delivering()) {
            return null; // a sink printing while it receives a cell's output writes to the real streams
        }
        CellContext own = INHERITED.get();
        if (own != null && !own.finished) {
            return own;
        }
        CellContext now = running;
        return now != null ? now : own;
    }

    /** Makes this the calling (cell) thread's context and the running cell. */
    void enter() {
        INHERITED.set(this);
        running = this;
    }

    /** Marks the cell finished; its threads' later output still reaches it when no other cell runs. */
    void exit() {
        output.flush();
        finished = true;
        if (running == this) {
            running = null;
        }
    }

    CellOutput output() {
        return output;
    }

    /** @return the execution number of this cell in its session, from 1 */
    int number() {
        return number;
    }

    boolean interrupted() {
        return interrupted;
    }

    void markInterrupted() {
        interrupted = true;
    }

    void display(DisplayData data) {
        output.display(data);
    }

    void updateDisplay(DisplayData data) {
        output.updateDisplay(data);
    }
}
