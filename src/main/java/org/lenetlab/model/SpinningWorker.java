package org.lenetlab.model;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A daemon thread that runs one task at a time for another thread, and spins for a while after each before it
 * parks; the thread waiting for a task spins the same while before it parks. On a virtual machine, waking a parked
 * thread on the other vCPU is slow: 65–85 µs per section of the fast layers ({@link ConvThreads}), and 240–820 µs on
 * average per step while an {@code ExecutorService} handed the half batches of {@link SplitBatchStep} over. A task's
 * native ops run with one OpenMP thread: the tasks are the parallelism.
 */
final class SpinningWorker extends Thread {
    private final long spinNanos;
    private volatile IntConsumer task;
    private volatile int index;
    private volatile boolean done = true;
    private volatile Throwable failure;
    private volatile Thread waiter;
    private volatile boolean stopped;

    /**
     * Starts the thread.
     *
     * @param name      the thread's name
     * @param spinNanos how long the worker, and a thread waiting for it, spin before they park
     */
    SpinningWorker(String name, long spinNanos) {
        super(name);
        this.spinNanos = spinNanos;
        setDaemon(true);
        start();
    }

    /** Hands the worker {@code task.accept(i)}; only once it is done with the previous one. */
    void submit(IntConsumer task, int i) {
        if (!done || stopped) {
            throw new IllegalStateException(getName() + (stopped ? " has stopped" : " is still busy"));
        }
        index = i;
        failure = null;
        done = false;
        this.task = task;
        LockSupport.unpark(this);
    }

    /**
     * Waits until the last task has finished.
     *
     * @return whether the waiting thread was interrupted meanwhile (the interrupt is cleared)
     */
    boolean awaitDone() {
        waiter = Thread.currentThread();
        boolean interrupted = false;
        long start = System.nanoTime();
        while (!done) {
            if (System.nanoTime() - start < spinNanos) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        waiter = null;
        return interrupted;
    }

    /** @return what the last task threw, or null */
    Throwable failure() {
        return failure;
    }

    /**
     * Rethrows a task's failure as it was (a runtime exception or an error), or wrapped with {@code what} (a checked
     * exception, which a task can only throw by stealth); does nothing for null.
     */
    static void rethrow(Throwable failure, String what) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(what + " failed: " + failure, failure);
        }
    }

    /** Ends the thread once the task it may be running has finished. */
    void finish() {
        stopped = true;
        LockSupport.unpark(this);
    }

    @Override
    public void run() {
        boolean oneOmpThread = false;
        while (true) {
            IntConsumer t = awaitTask();
            if (t == null) {
                return;
            }
            try {
                if (!oneOmpThread) { // in the task, so that a failure to load the natives reaches the waiting thread
                    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
                    oneOmpThread = true;
                }
                t.accept(index);
            } catch (Throwable e) {
                failure = e;
            }
            task = null;
            done = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** @return the next task, or null once stopped */
    private IntConsumer awaitTask() {
        long start = System.nanoTime();
        IntConsumer t;
        while ((t = task) == null) {
            if (stopped) {
                return null;
            }
            if (System.nanoTime() - start < spinNanos) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
                Thread.interrupted(); // a worker has nobody to report an interrupt to
            }
        }
        return t;
    }
}
