package org.lenetlab.model;

/**
 * Whether the parts of a parallel section should run on the helper threads or one after another on the calling
 * thread, decided by measuring both. A second thread pays only when a core is free for it; on a shared machine
 * (another process, a collector, a hypervisor that lends the core elsewhere) it may not be, and then waking and
 * waiting for a helper costs more than it saves.
 *
 * <p>Sections come in windows of {@value #WINDOW} sections. A cycle times one window in parallel and one serially
 * (in alternating order, so a slow drift of the machine does not favour either), then uses the faster way for
 * {@value #USE_WINDOWS} windows, and starts again, so the choice follows the machine. A window spans tens of
 * training steps, and a step runs the same sections in the same order, so two windows hold nearly the same work. A
 * tie (parallel not at least {@value #MARGIN_PERCENT} % faster) goes to serial, which leaves the other core free.
 *
 * <p>Not thread-safe: called by the one thread that holds the helpers.
 */
final class ParallelChoice {
    static final int WINDOW = 512;
    static final int USE_WINDOWS = 6;
    static final int MARGIN_PERCENT = 3;

    private final Boolean fixed;
    private int window;
    private int sections;
    private long nanos;
    private long parallelNanos;
    private long serialNanos;
    private boolean parallelFirst = true;
    private boolean useParallel;

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
     * Records how long the section just run (the way {@link #parallel()} said) took.
     *
     * @param sectionNanos its wall time
     */
    void record(long sectionNanos) {
        if (fixed != null) {
            return;
        }
        nanos += sectionNanos;
        if (++sections < WINDOW) {
            return;
        }
        if (window < 2) {
            if (parallel()) {
                parallelNanos = nanos;
            } else {
                serialNanos = nanos;
            }
        }
        if (window == 1) {
            useParallel = parallelNanos * 100 < serialNanos * (100 - MARGIN_PERCENT);
        }
        sections = 0;
        nanos = 0;
        if (++window == 2 + USE_WINDOWS) {
            window = 0;
            parallelFirst = !parallelFirst;
        }
    }

    /** @return whether the last comparison found parallel faster (false before the first one) */
    boolean prefersParallel() {
        return fixed != null ? fixed : useParallel;
    }
}
