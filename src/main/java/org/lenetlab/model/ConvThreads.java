package org.lenetlab.model;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The threads the fast layers split a batch over: as many as ND4J may use ({@code Nd4j.getEnvironment()
 * .maxThreads()}, which follows {@code OMP_NUM_THREADS}), the calling thread plus daemon helper threads shared by
 * all layers. Each part runs its native ops with one OpenMP thread, so two parts on two cores use two threads, not
 * four that wait for each other; a part of a batch of images is a natural unit of work, where one small matrix
 * product split over two OpenMP threads is not. For the same reason OpenBLAS is set to one thread once parts
 * first run in parallel.
 *
 * <p>A training step of LeNet-5 runs eight parallel sections, a few hundred microseconds apart. A helper that
 * parked after each would cost a wake-up per section: measured on a 2-vCPU virtual machine, 65–85 µs each, about
 * half a millisecond per step, which ate the whole gain of the second thread. So a helper
 * ({@link SpinningWorker}), and the caller waiting for it, spin for up to {@link #SPIN_NANOS} before they park.
 *
 * <p>While the JVM warms up, its JIT compiler needs a core of its own: in the first few hundred steps of a run it
 * spends about as much CPU as training does. When the parts would take every core and the compiler is busy
 * ({@link CompilerActivity}), they run one after another on the calling thread and leave the compiler its core
 * (but for one section in {@value ParallelChoice#TRIAL_EVERY}: {@link ParallelChoice#trialWhileCompilerBusy});
 * measured, two threads spread over both cores from the first step made a whole epoch slower than one thread.
 * Beyond that, each call site measures as training goes whether the helpers pay for its sections
 * ({@link ParallelChoice}): on a shared machine the other core may be busy or share the first one's arithmetic
 * units, and then the parts run on the calling thread too.
 */
final class ConvThreads {
    /**
     * Whether the JIT compiler is busy on a machine whose every core the parts would take; made by the first
     * section that has parts for several threads (its management beans take about 50 ms to load, which a
     * one-thread run never needs).
     */
    private static volatile CompilerActivity compiler;
    /** For tests: replaces every call site's measured choice when not null. */
    private static volatile ParallelChoice override;
    /** Threads whose sections always run serially, because another thread already trains alongside them. */
    private static final ThreadLocal<Boolean> SERIAL = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** How long an idle helper, or a caller waiting for one, spins before it parks. */
    static final long SPIN_NANOS = 250_000;

    private static final AtomicInteger NAMES = new AtomicInteger();
    /** Held by the one caller whose parts run on the helpers; other callers run their parts themselves. */
    private static final ReentrantLock HELPERS_IN_USE = new ReentrantLock();
    private static volatile SpinningWorker[] helpers = new SpinningWorker[0];

    private ConvThreads() {
    }

    /**
     * For tests: replaces the compiler watch.
     *
     * @return the one it replaces
     */
    static CompilerActivity watchCompiler(CompilerActivity activity) {
        CompilerActivity old = compiler;
        compiler = activity;
        return old;
    }

    /**
     * For tests: replaces the call sites' measured choices between parallel and serial work (the fast layers'
     * sections, and {@link SplitBatchStep}'s halves against the whole batch).
     *
     * @param replacement the choice every section follows, or null for each site's own
     * @return the one it replaces
     */
    static ParallelChoice choose(ParallelChoice replacement) {
        ParallelChoice old = override;
        override = replacement;
        return old;
    }

    /**
     * Runs a call site's work one of two ways, the way its choice says (or the one tests put in its place), and
     * records how long it took; the serial way, untimed, while the JIT compiler is busy and {@code threads} would
     * take every core, but for the choice's trials ({@link ParallelChoice#trialWhileCompilerBusy}). The fast
     * layers' sections and {@link SplitBatchStep}'s halves both go through here.
     *
     * @param threads how many threads the parallel way keeps busy
     * @param own     the call site's measured choice
     * @param work    the work, told which way to run
     * @return whether it ran the parallel way
     */
    static boolean runAsChosen(int threads, ParallelChoice own, Way work) {
        ParallelChoice o = override;
        ParallelChoice c = o != null ? o : own;
        // no branch on the compiler watch alone: C2 compiles this (inlined into the layers' passes) while the watch
        // says busy, and a branch it never saw taken would trap, and throw the passes' code away, when it opens
        boolean holdOff = compiler().needsACore(threads) & !c.trialWhileCompilerBusy();
        if (holdOff) {
            work.run(false);
            return false;
        }
        boolean parallel = c.parallel();
        long start = System.nanoTime();
        work.run(parallel);
        c.record(System.nanoTime() - start);
        return parallel;
    }

    /** Work that can run in parallel or serially. */
    @FunctionalInterface
    interface Way {
        /** @param parallel whether to run it the parallel way */
        void run(boolean parallel);
    }

    /**
     * Makes every section run on the calling thread, in order, while {@code serial} (see {@link SplitBatchStep},
     * which trains on two threads of its own).
     */
    static void serialOnThisThread(boolean serial) {
        SERIAL.set(serial);
    }

    /** @return how many parts a batch should be split into */
    static int available() {
        return Math.max(1, Nd4j.getEnvironment().maxThreads());
    }

    /**
     * Runs {@code part.accept(i)} for {@code i} in {@code [0, parts)}: part 0 on the calling thread, the others on
     * helper threads (or all on the calling thread while another caller has the helpers), and returns when all
     * have finished. The first failure is rethrown after all have finished (the parts write into shared arrays,
     * which must not be reused while one is still running); an interrupt that arrives meanwhile is kept for the
     * caller.
     *
     * @param parts  number of parts, at least 1
     * @param choice the call site's measure of whether its parts pay in parallel
     * @param part   the work of one part
     */
    static void run(int parts, ParallelChoice choice, IntConsumer part) {
        if (parts == 1) {
            part.accept(0);
            return;
        }
        if (SERIAL.get() || HELPERS_IN_USE.isHeldByCurrentThread() || !HELPERS_IN_USE.tryLock()) {
            runSerially(parts, part);
            return;
        }
        // Either way, the parts' native ops run on one OpenMP thread (the helpers' too): serially, because the
        // second core did not pay for a part, so it would not for an op in one (evaluation outside the Trainer, at
        // two threads, ran its serial sections' products on two OpenMP threads and took longer than at one thread).
        Nd4j.getBackend(); // loads the native ops, whose holder cannot start before ND4J has
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int ompThreads = ops.ompGetMaxThreads();
        if (ompThreads != 1) { // (the Trainer's thread already is: FastLayers.prepareForTraining)
            ops.setOmpNumThreads(1);
        }
        try {
            runAsChosen(parts, choice, parallel -> {
                if (parallel) {
                    runOnHelpers(parts, part);
                } else {
                    runSerially(parts, part);
                }
            });
        } finally {
            if (ompThreads != 1) {
                ops.setOmpNumThreads(ompThreads);
            }
            HELPERS_IN_USE.unlock();
        }
    }

    /**
     * Starts what sections on several threads need, the compiler watch and the helper threads, so that the first
     * section does not pay for it (loading the compiler's management beans alone takes tens of milliseconds); does
     * nothing where ND4J may use one thread.
     */
    static void prepare() {
        int parts = available();
        if (parts > 1) {
            compiler();
            helpers(parts - 1);
        }
    }

    private static CompilerActivity compiler() {
        CompilerActivity c = compiler;
        if (c == null) {
            synchronized (ConvThreads.class) {
                if (compiler == null) {
                    compiler = CompilerActivity.ofThisJvm();
                }
                c = compiler;
            }
        }
        return c;
    }

    private static void runSerially(int parts, IntConsumer part) {
        for (int i = 0; i < parts; i++) {
            part.accept(i);
        }
    }

    /**
     * Part 0 on the calling thread, the others on helpers; the caller holds {@link #HELPERS_IN_USE} and has set its
     * OpenMP threads to one.
     */
    private static void runOnHelpers(int parts, IntConsumer part) {
        SpinningWorker[] hs = helpers(parts - 1);
        for (int i = 1; i < parts; i++) {
            hs[i - 1].submit(part, i);
        }
        Throwable failure = null;
        try {
            part.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (int i = 1; i < parts; i++) {
            interrupted |= hs[i - 1].awaitDone();
            Throwable f = hs[i - 1].failure();
            if (failure == null && f != null) {
                failure = f;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        SpinningWorker.rethrow(failure, "a part of the batch");
    }

    private static synchronized SpinningWorker[] helpers(int count) {
        SpinningWorker[] hs = helpers;
        if (hs.length >= count) {
            return hs;
        }
        if (hs.length == 0) {
            // OpenBLAS has its own threads, which spin while they wait: with the parts already on every core,
            // a product split over them only waits for a core (two threads: 12-18 % slower per epoch)
            Nd4j.factory().blas().setMaxThreads(1);
        }
        SpinningWorker[] grown = java.util.Arrays.copyOf(hs, count);
        for (int i = hs.length; i < count; i++) {
            grown[i] = new SpinningWorker("lenetlab-conv-" + NAMES.incrementAndGet(), SPIN_NANOS);
        }
        helpers = grown;
        return grown;
    }
}
