package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

@Timeout(60)
class SpinningWorkerTest {
    private static final long SPIN = 1_000_000;
    private final SpinningWorker worker = new SpinningWorker("test-worker", SPIN);

    @BeforeAll
    static void loadTheNatives() {
        Nd4j.create(1); // as training has, before any task runs
    }

    @AfterEach
    void finish() throws InterruptedException {
        worker.finish();
        worker.join(5_000);
    }

    @Test
    void runsEachTaskOnItsThreadWithOneOpenMpThread() {
        List<String> seen = new ArrayList<>();
        int[] ompThreads = new int[1];
        for (int i = 0; i < 200; i++) {
            worker.submit(index -> {
                seen.add(Thread.currentThread().getName() + ":" + index);
                ompThreads[0] = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
            }, i);
            if (i % 50 == 0) {
                sleep(3 * SPIN / 1_000_000); // long enough for the worker to park before the next task
            }
            assertFalse(worker.awaitDone());
            assertNull(worker.failure());
        }
        assertEquals(200, seen.size());
        assertEquals("test-worker:0", seen.get(0));
        assertEquals("test-worker:199", seen.get(199));
        assertEquals(1, ompThreads[0]);
    }

    @Test
    void keepsATasksFailureUntilTheNextTask() {
        IllegalStateException boom = new IllegalStateException("boom");
        worker.submit(index -> {
            throw boom;
        }, 0);
        worker.awaitDone();
        assertSame(boom, worker.failure());
        worker.submit(index -> { }, 1);
        worker.awaitDone();
        assertNull(worker.failure(), "a task that succeeds clears the last failure");
    }

    @Test
    void refusesATaskWhileBusyOrOnceFinished() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        worker.submit(index -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0);
        var busy = assertThrows(IllegalStateException.class, () -> worker.submit(index -> { }, 1));
        assertEquals("test-worker is still busy", busy.getMessage());
        release.countDown();
        worker.awaitDone();
        worker.finish();
        worker.join(5_000);
        assertFalse(worker.isAlive(), "finish ends the thread");
        var finished = assertThrows(IllegalStateException.class, () -> worker.submit(index -> { }, 2));
        assertEquals("test-worker has stopped", finished.getMessage());
    }

    @Test
    void keepsAnInterruptThatArrivesWhileWaiting() {
        Thread caller = Thread.currentThread();
        worker.submit(index -> {
            caller.interrupt();
            sleep(SPIN / 1_000_000 + 20); // the caller parks meanwhile
        }, 0);
        assertTrue(worker.awaitDone(), "awaitDone reports the interrupt");
        assertFalse(Thread.interrupted(), "and leaves it to the caller to keep");
    }

    private static void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
