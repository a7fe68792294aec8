package org.lenetlab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The threads the fast layers split a batch over: as many as ND4J may use ({@code Nd4j.getEnvironment()
 * .maxThreads()}, which follows {@code OMP_NUM_THREADS}), the calling thread plus daemon threads shared by all
 * layers. Each part runs its native ops with one OpenMP thread, so two parts on two cores use two threads, not
 * four that wait for each other; a part of a batch of images is a natural unit of work, where one small matrix
 * product split over two OpenMP threads is not. For the same reason OpenBLAS is set to one thread once parts
 * first run in parallel.
 */
final class ConvThreads {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static ExecutorService pool;
    private static int poolSize;

    private ConvThreads() {
    }

    /** @return how many parts a batch should be split into */
    static int available() {
        return Math.max(1, Nd4j.getEnvironment().maxThreads());
    }

    /**
     * Runs {@code part.accept(i)} for {@code i} in {@code [0, parts)}: part 0 on the calling thread, the others on
     * pool threads, and returns when all have finished. The first failure is rethrown after all have finished
     * (the parts write into shared arrays, which must not be reused while one is still running).
     *
     * @param parts number of parts, at least 1
     * @param part  the work of one part
     */
    static void run(int parts, IntConsumer part) {
        if (parts == 1) {
            part.accept(0);
            return;
        }
        ExecutorService executor = pool(parts - 1);
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int i = 1; i < parts; i++) {
            int index = i;
            futures.add(executor.submit(() -> part.accept(index)));
        }
        RuntimeException failure = null;
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int ompThreads = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(1);
        try {
            part.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            ops.setOmpNumThreads(ompThreads);
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: the part is still writing into shared arrays
                } catch (ExecutionException e) {
                    if (failure == null) {
                        Throwable cause = e.getCause();
                        failure = cause instanceof RuntimeException r ? r
                                : new IllegalStateException("a part of the batch failed: " + cause, cause);
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static synchronized ExecutorService pool(int threads) {
        if (pool == null || poolSize < threads) {
            if (pool == null) {
                // OpenBLAS has its own threads, which spin while they wait: with the parts already on every core,
                // a product split over them only waits for a core (two threads: 12-18 % slower per epoch)
                Nd4j.factory().blas().setMaxThreads(1);
            }
            if (pool != null) {
                pool.shutdown();
            }
            ThreadFactory factory = r -> {
                Thread t = new Thread(() -> {
                    // native ops of a part run single-threaded; the parts are the parallelism
                    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
                    r.run();
                }, "lenetlab-conv-" + NAMES.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = Executors.newFixedThreadPool(threads, factory);
            poolSize = threads;
        }
        return pool;
    }
}
