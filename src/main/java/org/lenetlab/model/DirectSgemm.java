package org.lenetlab.model;

import java.util.concurrent.atomic.AtomicBoolean;

import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The matrix products of the fast layers: {@code C = op(A)·op(B)}, where {@code op} transposes or not.
 *
 * <p>Single-precision products go straight to oneDNN's {@code dnnl_sgemm} (the {@code org.bytedeco:dnnl} build,
 * the same kernels libnd4j's matmul op ends in). ND4J's op costs 30–40 µs per call before it multiplies (building
 * the op, shape checks, a oneDNN primitive looked up in a cache, memory descriptors), which for LeNet's small
 * products is as long as the product itself: measured on this course's shapes, the direct call is 2–5× faster
 * (C1's {@code 6×26 · 26×9856}: 29 µs against 83–154 µs; F6's {@code 64×120 · 120×84}: 8 µs against 32–62 µs).
 *
 * <p>Where the oneDNN natives cannot be loaded (a platform the build has none for), or for double precision,
 * products run as ND4J's {@code matmul} op, with the same results.
 *
 * <p>A call computes with as many OpenMP threads as its thread may use; the fast layers set that to 1 on the threads
 * they split a batch over ({@link ConvThreads}).
 */
final class DirectSgemm {
    private static final Logger LOG = LoggerFactory.getLogger(DirectSgemm.class);
    private static final byte TRANSPOSE = 'T';
    private static final byte NO_TRANSPOSE = 'N';
    private static final int WARM_UP_SIZE = 64;
    private static final AtomicBoolean PRELOAD_STARTED = new AtomicBoolean();

    private DirectSgemm() {
    }

    /** @return whether single-precision products go straight to oneDNN */
    static boolean available() {
        return Natives.LOADED;
    }

    /**
     * Loads the natives (about 0.1 s) and has oneDNN generate its product kernels (about 0.05 s) on a daemon
     * thread, once per JVM, so that a network's first training step does not wait for them. The fast layers call
     * it when they are made; a product that comes first waits for the load to finish.
     */
    static void preloadInBackground() {
        if (PRELOAD_STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(DirectSgemm::warmUp, "lenetlab-onednn-preload");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void warmUp() {
        if (Natives.LOADED) {
            try (FloatPointer a = new FloatPointer(WARM_UP_SIZE * WARM_UP_SIZE);
                 FloatPointer b = new FloatPointer(WARM_UP_SIZE * WARM_UP_SIZE);
                 FloatPointer c = new FloatPointer(WARM_UP_SIZE * WARM_UP_SIZE)) {
                a.zero();
                b.zero();
                for (byte transposeA : new byte[] {NO_TRANSPOSE, TRANSPOSE}) {
                    for (byte transposeB : new byte[] {NO_TRANSPOSE, TRANSPOSE}) {
                        dnnl.dnnl_sgemm(transposeA, transposeB, WARM_UP_SIZE, WARM_UP_SIZE, WARM_UP_SIZE, 1f, a,
                                WARM_UP_SIZE, b, WARM_UP_SIZE, 0f, c, WARM_UP_SIZE);
                    }
                }
            }
        }
    }

    /**
     * {@code c = op(a)·op(b)} for matrices.
     *
     * @param a          {@code [m, k]}, or {@code [k, m]} when {@code transposeA}
     * @param b          {@code [k, n]}, or {@code [n, k]} when {@code transposeB}
     * @param c          {@code [m, n]}, overwritten
     * @param transposeA whether {@code a} is used transposed
     * @param transposeB whether {@code b} is used transposed
     */
    static void multiply(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        multiply(a, b, c, c.rows(), c.columns(), transposeA ? a.rows() : a.columns(), transposeA, transposeB);
    }

    /**
     * {@code c = op(a)·op(b)} for arrays of any shape that hold the matrices' values in row-major order (a
     * {@code [B, C, 1, 1]} activation as a {@code [B, C]} matrix), without making reshaped views of them.
     *
     * @param a          {@code m·k} values: {@code [m, k]}, or {@code [k, m]} when {@code transposeA}
     * @param b          {@code k·n} values: {@code [k, n]}, or {@code [n, k]} when {@code transposeB}
     * @param c          {@code m·n} values {@code [m, n]}, overwritten
     * @param m          rows of {@code c}
     * @param n          columns of {@code c}
     * @param k          the inner dimension
     * @param transposeA whether {@code a} is used transposed
     * @param transposeB whether {@code b} is used transposed
     */
    static void multiply(INDArray a, INDArray b, INDArray c, long m, long n, long k, boolean transposeA,
                         boolean transposeB) {
        if (Natives.LOADED && isDirect(a, m * k) && isDirect(b, k * n) && isDirect(c, m * n)) {
            int status = dnnl.dnnl_sgemm(transposeA ? TRANSPOSE : NO_TRANSPOSE,
                    transposeB ? TRANSPOSE : NO_TRANSPOSE, m, n, k, 1f, pointer(a), transposeA ? m : k, pointer(b),
                    transposeB ? k : n, 0f, pointer(c), n);
            if (status != dnnl.dnnl_success) {
                throw new IllegalStateException("oneDNN's sgemm failed with status " + status + " for " + shapes(a, b,
                        c, transposeA, transposeB));
            }
            return;
        }
        INDArray a2 = a.reshape('c', transposeA ? k : m, transposeA ? m : k);
        INDArray b2 = b.reshape('c', transposeB ? n : k, transposeB ? k : n);
        boolean inPlace = Precision.isRowMajor(c);
        INDArray c2 = inPlace ? c.reshape('c', m, n) : Nd4j.create(c.dataType(), m, n);
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(a2, b2).addOutputs(c2)
                .addIntegerArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0).build());
        if (!inPlace) {
            c.assign(c2.reshape(c.shape()));
        }
    }

    /** @return whether {@code x} holds {@code length} single-precision values in row-major order */
    private static boolean isDirect(INDArray x, long length) {
        return x.dataType() == DataType.FLOAT && x.length() == length && Precision.isRowMajor(x);
    }

    /** @return the address of {@code x}'s first element (a view's data buffer starts at the view's offset) */
    private static FloatPointer pointer(INDArray x) {
        return new FloatPointer(x.data().addressPointer());
    }

    private static String shapes(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB) {
        return java.util.Arrays.toString(a.shape()) + (transposeA ? "ᵀ" : "") + " · "
                + java.util.Arrays.toString(b.shape()) + (transposeB ? "ᵀ" : "") + " → "
                + java.util.Arrays.toString(c.shape());
    }

    /** Loads the oneDNN natives on first use. */
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
