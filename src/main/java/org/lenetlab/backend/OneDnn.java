package org.lenetlab.backend;

import java.util.concurrent.atomic.AtomicBoolean;

import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * oneDNN's own natives ({@code org.bytedeco:dnnl}), which the fast layers call directly for their matrix products.
 * Loading them takes about 0.1 s and oneDNN generates its product kernels on first use (about 0.05 s more), so
 * {@link Backend#configure()} starts both on a daemon thread: they overlap whatever the program does next (loading
 * a dataset, building a network) instead of delaying the first training step.
 */
public final class OneDnn {
    private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);
    private static final int WARM_UP_SIZE = 64;
    private static final AtomicBoolean PRELOAD_STARTED = new AtomicBoolean();

    private OneDnn() {
    }

    /**
     * Loads the natives if that has not happened yet (a caller that comes while the preload runs waits for it).
     *
     * @return whether {@code dnnl_sgemm} can be called on this platform
     */
    public static boolean available() {
        return Natives.LOADED;
    }

    /** Loads the natives and has oneDNN generate its product kernels on a daemon thread, once per JVM. */
    public static void preloadInBackground() {
        if (PRELOAD_STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(OneDnn::warmUp, "lenetlab-onednn-preload");
            t.setDaemon(true);
            t.start();
        }
    }

    /** @return whether the preload has been started in this JVM */
    static boolean preloadStarted() {
        return PRELOAD_STARTED.get();
    }

    private static void warmUp() {
        if (!available()) {
            return;
        }
        try (FloatPointer a = new FloatPointer(WARM_UP_SIZE * WARM_UP_SIZE);
             FloatPointer b = new FloatPointer(WARM_UP_SIZE * WARM_UP_SIZE);
             FloatPointer c = new FloatPointer(WARM_UP_SIZE * WARM_UP_SIZE)) {
            a.zero();
            b.zero();
            for (byte transposeA : new byte[] {'N', 'T'}) {
                for (byte transposeB : new byte[] {'N', 'T'}) {
                    dnnl.dnnl_sgemm(transposeA, transposeB, WARM_UP_SIZE, WARM_UP_SIZE, WARM_UP_SIZE, 1f, a,
                            WARM_UP_SIZE, b, WARM_UP_SIZE, 0f, c, WARM_UP_SIZE);
                }
            }
        }
    }

    /** Loads the natives on first use. */
    private static final class Natives {
        static final boolean LOADED = load();

        private static boolean load() {
            try {
                Loader.load(dnnl.class);
                return true;
            } catch (LinkageError | RuntimeException e) {
                LOG.warn("oneDNN's sgemm is not available on this platform ({}); the fast layers multiply with "
                        + "ND4J's matmul op instead, which gives the same results more slowly", e.toString());
                return false;
            }
        }
    }
}
