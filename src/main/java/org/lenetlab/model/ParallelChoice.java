package org.lenetlab.model;

/**
 * Whether the parts of one call site's parallel sections (a layer's forward or backward pass over batches of one
 * size, or a training step split in halves by {@link SplitBatchStep}) should run on the helper threads or one after
 * another on the calling thread, decided by measuring both. A second thread pays only when a core is free for it
 * and the work is large enough; on a shared machine (another process, a collector, a hypervisor that lends the core
 * elsewhere, two virtual CPUs that share one core's arithmetic units) it may not, and then waking and waiting for a
 * helper costs more than it saves.
 *
 * <p>Sections come in windows of {@value #WINDOW}. A cycle times one window in parallel and one serially (in
 * alternating order, so a slow drift of the machine does not favour either), then uses the faster way for
 * {@value #USE_WINDOWS} windows, and starts again, so the choice follows the machine. Each cycle that confirms the
 * last one's winner doubles the windows before the next (up to {@value #MAX_USE_WINDOWS}): on a machine that stays
 * the same, the slower way is hardly ever run, and a change is still noticed within a few thousand sections. The
 * sections of a site all do the same work, so two windows compare like with like. A tie (parallel not at least
 * {@value #MARGIN_PERCENT} % faster) goes to serial, which leaves the other core free. A new choice starts with its
 * parallel window, so a site that runs only a few sections (an evaluation's large batches) runs them in parallel.
 *
 * <p>The first section after a change of way is not timed: it pays for the change (a parked helper's wake-up,
 * buffers laid out for the other batch size). Timed, it made the way a window changed to look slower than it is:
 * in the third epoch of a run, split training steps lost their comparisons against whole ones; untimed, they won
 * them, 2.3 ms against 3.3–4.4 ms a step.
 *
 * <p>Not thread-safe: called by one thread (the one that holds the helpers, or the one that trains).
 */
final class ParallelChoice {
    static final int WINDOW = 16;
    static final int USE_WINDOWS = 6;
    static final int MAX_USE_WINDOWS = 192;
    /** A window's time varies by several per cent from one to the next on a shared machine. */
    static final int MARGIN_PERCENT = 10;
    /** While the JIT compiler is busy, one section in this many still runs (and is timed) as the choice says. */
    static final int TRIAL_EVERY = 32;

    private final Boolean fixed;
    private int window;
    private int sections;
    private long nanos;
    /** Sections of the current window, and how many of them were timed, taking {@link #nanos}. */
    private int timed;
    private long parallelNanos;
    private int parallelTimed;
    private long serialNanos;
    private int serialTimed;
    private boolean parallelFirst = true;
    private boolean useParallel;
    private boolean compared;
    private int useWindows = USE_WINDOWS;
    /** The way the last section ran; null before the first, which is not timed either. */
    private Boolean lastWay;
    /** Calls of {@link #trialWhileCompilerBusy}. */
    private int trialCalls;

    private ParallelChoice(Boolean fixed) {
        this.fixed = fixed;
    }

    /** @return a choice that measures, starting with a cycle of both */
    static ParallelChoice measured() {
        return new ParallelChoice(null);
    }

    /**
     * For tests: a choice that never changes.
     *
     * @param parallel whether sections always run in parallel
     */
    static ParallelChoice fixed(boolean parallel) {
        return new ParallelChoice(parallel);
    }

    /** @return whether the next section should run its parts in parallel */
    boolean parallel() {
        if (fixed != null) {
            return fixed;
        }
        return switch (window) {
            case 0 -> parallelFirst;
            case 1 -> !parallelFirst;
            default -> useParallel;
        };
    }

    /**
     * Asked for every section, and consulted while the JIT compiler is busy ({@link CompilerActivity}), when the
     * section would otherwise run its parts one after another on the calling thread: whether this one should follow
     * the choice anyway. One call in {@value #TRIAL_EVERY} says so, so that the code of both ways runs, and is
     * profiled by the JIT, while the JVM warms up. Without that, the first sections after the warm-up took branches
     * the optimised code had never seen: each threw away a compiled method (up to a layer's whole forward pass), and
     * at two threads the second epoch of a run was slower than at one while the compiler made them again.
     *
     * @return whether the section should run as {@link #parallel()} says; always false for a fixed choice
     */
    boolean trialWhileCompilerBusy() {
        return fixed == null && ++trialCalls % TRIAL_EVERY == 0;
    }

    /**
     * Records how long the section just run (the way {@link #parallel()} said) took.
     *
     * @param sectionNanos its wall time
     */
    void record(long sectionNanos) {
        if (fixed != null) {
            return;
        }
        boolean way = parallel();
        if (lastWay != null && lastWay == way) {
            nanos += sectionNanos;
            timed++;
        }
        lastWay = way;
        if (++sections < WINDOW) {
            return;
        }
        if (window < 2) {
            if (way) {
                parallelNanos = nanos;
                parallelTimed = timed;
            } else {
                serialNanos = nanos;
                serialTimed = timed;
            }
        }
        if (window == 1) {
            // per section: the windows may differ in their untimed first sections
            boolean parallelWins =
                    parallelNanos * serialTimed * 100 < serialNanos * parallelTimed * (100 - MARGIN_PERCENT);
            useWindows = compared && parallelWins == useParallel ? Math.min(2 * useWindows, MAX_USE_WINDOWS)
                    : USE_WINDOWS;
            useParallel = parallelWins;
            compared = true;
        }
        sections = 0;
        nanos = 0;
        timed = 0;
        if (++window == 2 + useWindows) {
            window = 0;
            parallelFirst = !parallelFirst;
        }
    }

    /** @return whether the last comparison found parallel faster (false before the first one) */
    boolean prefersParallel() {
        return fixed != null ? fixed : useParallel;
    }

    /** One call site's choices, one per size of work (say, batches of 64 in training and 1,024 in evaluation). */
    static final class BySize {
        private static final int SIZES = 4;
        private final long[] sizes = new long[SIZES];
        private final ParallelChoice[] choices = new ParallelChoice[SIZES];
        private int oldest;

        /**
         * @param size the size of a section's work, in any unit the site keeps to
         * @return the choice for sections of that size (a new one, replacing the oldest, for a size not seen lately)
         */
        ParallelChoice of(long size) {
            for (int i = 0; i < SIZES; i++) {
                if (choices[i] != null && sizes[i] == size) {
                    return choices[i];
                }
            }
            int i = oldest;
            oldest = (oldest + 1) % SIZES;
            sizes[i] = size;
            choices[i] = measured();
            return choices[i];
        }
    }
}
