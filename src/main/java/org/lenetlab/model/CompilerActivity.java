package org.lenetlab.model;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Whether the JVM's JIT compiler is busy, judged from its accumulated compilation time over the last
 * {@value #WINDOW_MILLIS} ms: busy while it compiled for more than {@value #BUSY_PERCENT} % of that time.
 * Looked at most once per window; thread-safe.
 */
final class CompilerActivity {
    static final long WINDOW_MILLIS = 100;
    static final int BUSY_PERCENT = 25;

    private final LongSupplier compiledMillis;
    private final LongSupplier nanoClock;
    private final int cores;
    private long windowStart;
    private long compiledAtStart;
    private boolean busy;

    /**
     * @param compiledMillis the compiler's accumulated compilation time, or null when it is not measured
     * @param nanoClock      the time, as {@link System#nanoTime()}
     * @param cores          the machine's cores
     * @param busyAtStart    the state until the first window has passed
     */
    CompilerActivity(LongSupplier compiledMillis, LongSupplier nanoClock, int cores, boolean busyAtStart) {
        this.compiledMillis = compiledMillis;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
        this.cores = cores;
        this.compiledAtStart = compiledMillis == null ? 0 : compiledMillis.getAsLong();
        this.busy = compiledMillis != null && busyAtStart;
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
            busy = (compiled - compiledAtStart) * 100 > BUSY_PERCENT * elapsedMillis;
            windowStart = now;
            compiledAtStart = compiled;
        }
        return busy;
    }
}
