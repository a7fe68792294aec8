package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

class ConvThreadsTest {
    private static final ParallelChoice SITE = ParallelChoice.measured();
    private static AutoCloseable helpersAlwaysUsed;

    @BeforeAll
    static void compilerNeverBusyAndHelpersAlwaysUsed() {
        helpersAlwaysUsed = LayerChecks.helpersAlwaysUsed();
    }

    @AfterAll
    static void restore() throws Exception {
        helpersAlwaysUsed.close();
    }

    @Test
    void runsThePartsOnTheCallingThreadWhileTheCompilerNeedsTheOtherCore() {
        CompilerActivity idle = ConvThreads.watchCompiler(new CompilerActivity(() -> 0, () -> 0L, 2, true));
        try {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            ConvThreads.run(2, SITE, part -> threads.add(Thread.currentThread()));
            assertEquals(Set.of(Thread.currentThread()), threads);
        } finally {
            ConvThreads.watchCompiler(idle);
        }
    }

    @Test
    void runsOneSectionInEveryFewOnTheHelpersWhileTheCompilerIsBusy() {
        CompilerActivity idle = ConvThreads.watchCompiler(new CompilerActivity(() -> 0, () -> 0L, 2, true));
        ParallelChoice override = ConvThreads.choose(null);
        try {
            ParallelChoice site = ParallelChoice.measured(); // its first window is a parallel one
            int onHelpers = 0;
            for (int section = 0; section < 2 * ParallelChoice.TRIAL_EVERY; section++) {
                Set<Thread> threads = ConcurrentHashMap.newKeySet();
                ConvThreads.run(2, site, part -> threads.add(Thread.currentThread()));
                onHelpers += threads.size() > 1 ? 1 : 0;
            }
            assertEquals(2, onHelpers, "one in " + ParallelChoice.TRIAL_EVERY + ": the JIT sees both ways");
        } finally {
            ConvThreads.choose(override);
            ConvThreads.watchCompiler(idle);
        }
    }

    @Test
    void followsTheCallSitesChoiceWhenNoTestOverridesIt() {
        ParallelChoice override = ConvThreads.choose(null);
        try {
            Set<Thread> serial = ConcurrentHashMap.newKeySet();
            ConvThreads.run(2, ParallelChoice.fixed(false), part -> serial.add(Thread.currentThread()));
            assertEquals(Set.of(Thread.currentThread()), serial);
            Set<Thread> parallel = ConcurrentHashMap.newKeySet();
            ConvThreads.run(2, ParallelChoice.fixed(true), part -> parallel.add(Thread.currentThread()));
            assertEquals(2, parallel.size());
        } finally {
            ConvThreads.choose(override);
        }
    }

    @Test
    void runsEveryPartOnceWithTheFirstOnTheCallingThread() {
        for (int round = 0; round < 200; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            Thread[] first = new Thread[1];
            ConvThreads.run(3, SITE, part -> {
                runs.incrementAndGet(part);
                threads.add(Thread.currentThread());
                if (part == 0) {
                    first[0] = Thread.currentThread();
                }
            });
            for (int i = 0; i < 3; i++) {
                assertEquals(1, runs.get(i), "part " + i + " in round " + round);
            }
            assertEquals(Thread.currentThread(), first[0]);
            assertEquals(3, threads.size(), "three parts, three threads");
        }
    }

    @Test
    void rethrowsAHelpersFailureOnlyAfterEveryPartHasFinished() {
        AtomicIntegerArray finished = new AtomicIntegerArray(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ConvThreads.run(2, SITE, part -> {
            if (part == 1) {
                throw new IllegalStateException("part 1 failed");
            }
            sleep(50);
            finished.set(part, 1);
        }));
        assertEquals("part 1 failed", e.getMessage());
        assertEquals(1, finished.get(0), "the caller's part ran to its end before the failure was reported");
        ConvThreads.run(2, SITE, part -> finished.set(part, 2)); // the helpers still work
        assertEquals(2, finished.get(1));
    }

    @Test
    void keepsAnInterruptThatArrivesWhileWaitingForAHelper() {
        Thread caller = Thread.currentThread();
        AtomicIntegerArray finished = new AtomicIntegerArray(2);
        ConvThreads.run(2, SITE, part -> {
            if (part == 1) {
                caller.interrupt();
                sleep(ConvThreads.SPIN_NANOS / 1_000_000 + 20); // the caller parks meanwhile
            }
            finished.set(part, 1);
        });
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(1, finished.get(1), "the caller waited for the helper's part");
    }

    @Test
    void concurrentCallersEachRunAllTheirParts() throws InterruptedException {
        AtomicIntegerArray runs = new AtomicIntegerArray(2 * 2);
        Thread[] callers = new Thread[2];
        for (int c = 0; c < callers.length; c++) {
            int caller = c;
            callers[c] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    ConvThreads.run(2, SITE, part -> runs.incrementAndGet(caller * 2 + part));
                }
            });
            callers[c].start();
        }
        for (Thread t : callers) {
            t.join();
        }
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(500, runs.get(i), "caller " + i / 2 + ", part " + i % 2);
        }
    }

    @Test
    void partsRunOnOneOpenMpThreadEitherWay() {
        Nd4j.getBackend(); // the native ops' holder cannot start before ND4J has
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(2);
        try {
            for (boolean parallel : new boolean[] {false, true}) {
                ParallelChoice previous = ConvThreads.choose(ParallelChoice.fixed(parallel));
                AtomicIntegerArray omp = new AtomicIntegerArray(2);
                try {
                    ConvThreads.run(2, SITE, i -> omp.set(i, ops.ompGetMaxThreads()));
                } finally {
                    ConvThreads.choose(previous);
                }
                assertEquals("[1, 1]", omp.toString(), parallel ? "parallel" : "serial");
                assertEquals(2, ops.ompGetMaxThreads(), "the caller's setting afterwards");
            }
        } finally {
            ops.setOmpNumThreads(before);
        }
    }

    @Test
    void trainingStartsTheCompilerWatchBeforeTheFirstSection() {
        int threads = Nd4j.getEnvironment().maxThreads();
        CompilerActivity watch = ConvThreads.watchCompiler(null);
        try {
            Nd4j.getEnvironment().setMaxThreads(2);
            assumeTrue(ConvThreads.available() >= 2, "two threads available");
            FastLayers.prepareForTraining(lenet5()).close();
            assertNotNull(ConvThreads.watchCompiler(null), "made before any section ran");
        } finally {
            ConvThreads.watchCompiler(watch);
            Nd4j.getEnvironment().setMaxThreads(threads);
        }
    }

    private static MultiLayerNetwork lenet5() {
        return LeNet5.builder().input(new InputShape(12, 12, 1)).numClasses(3).seed(5).build().network();
    }

    private static void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait(); // not Thread.sleep: the caller's interrupt must not end it
        }
    }
}
