package org.lenetlab.model;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Whether the JVM's JIT compiler is busy, judged from its accumulated compilation time over the last
 * {@value #WINDOW_MILLIS} ms: busy while it compiled for more than {@value #BUSY_PERCENT} % of that time, and, in a
 * JVM that starts busy, until it has been quiet for {@value #WARM_UP_QUIET_WINDOWS} windows in a row once (its
 * warm-up). Looked at most once per window; thread-safe.
 *
 * <p>Why the warm-up: a fresh JVM's first LeNet-5 epoch on a 2-vCPU VM compiles for 2.3–2.7 s, in bursts. With
 * single windows, two threads started in the gaps and were slower than one thread in that epoch; waiting for
 * 500 ms of quiet brought the first epoch close to one thread's (alternated runs, median ratios to one thread
 * 0.98–1.03, against 1.02–1.05 before).
 */
final class CompilerActivity {
    static final long WINDOW_MILLIS = 100;
    static final int BUSY_PERCENT = 25;
    /**
     * A JVM that starts busy stays busy until this many quiet windows in a row: the compiler works in bursts while a
     * program warms up, and work started on every core in a gap between two of them is overtaken by the next.
     */
    static final int WARM_UP_QUIET_WINDOWS = 5;

    private final LongSupplier compiledMillis;
    private final LongSupplier nanoClock;
    private final int cores;
    private long windowStart;
    private long compiledAtStart;
    private boolean busy;
    /** Windows in a row in which the compiler was not busy. */
    private int quietWindows;
    private boolean warmedUp;

    /**
     * @param compiledMillis the compiler's accumulated compilation time, or null when it is not measured
     * @param nanoClock      the time, as {@link System#nanoTime()}
     * @param cores          the machine's cores
     * @param busyAtStart    whether the JVM starts busy, and so warms up first
     */
    CompilerActivity(LongSupplier compiledMillis, LongSupplier nanoClock, int cores, boolean busyAtStart) {
        this.compiledMillis = compiledMillis;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
        this.cores = cores;
        this.compiledAtStart = compiledMillis == null ? 0 : compiledMillis.getAsLong();
        this.busy = compiledMillis != null && busyAtStart;
        this.warmedUp = !busyAtStart;
    }

    /** @return this JVM's compiler, busy until measured otherwise (a JVM starts by compiling) */
    static CompilerActivity ofThisJvm() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        boolean measured = compiler != null && compiler.isCompilationTimeMonitoringSupported();
        return new CompilerActivity(measured ? compiler::getTotalCompilationTime : null, System::nanoTime,
                Runtime.getRuntime().availableProcessors(), true);
    }

    /**
     * @param parts threads a batch is about to be split over
     * @return whether they would take every core while the compiler is busy
     */
    synchronized boolean needsACore(int parts) {
        if (compiledMillis == null || parts < cores) {
            return false;
        }
        long now = nanoClock.getAsLong();
        long elapsedMillis = (now - windowStart) / 1_000_000;
        if (elapsedMillis >= WINDOW_MILLIS) {
            long compiled = compiledMillis.getAsLong();
            boolean busyWindow = (compiled - compiledAtStart) * 100 > BUSY_PERCENT * elapsedMillis;
            quietWindows = busyWindow ? 0 : quietWindows + 1;
            warmedUp |= quietWindows >= WARM_UP_QUIET_WINDOWS;
            busy = busyWindow || !warmedUp;
            windowStart = now;
            compiledAtStart = compiled;
        }
        return busy;
    }
}
