package org.lenetlab.model;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of Adam over a block of single-precision parameters, computed as libnd4j's {@code adam_updater} op
 * computes it (the op DL4J's {@code AdamUpdater} runs), in Java loops that HotSpot vectorises:
 * <pre>
 * m ← β₁·m + (1−β₁)·g        v ← β₂·v + (1−β₂)·g²
 * α = lr·√(1−β₂ᵗ⁺¹) / (1−β₁ᵗ⁺¹)   (ε where that is 0 or not finite)
 * g ← α·m / (√v + ε)          the update DL4J then subtracts from the parameters
 * </pre>
 * For LeNet-5 the op spends about 0.15 ms of its 0.3–0.7 ms per step in its own machinery (op object, context,
 * shape descriptors) and its element loop is not vectorised.
 *
 * <p>Not thread-safe: one instance per updater block.
 */
final class AdamStep {
    private float[] g = new float[0];
    private float[] m = new float[0];
    private float[] v = new float[0];

    /**
     * @param gradient  the block's gradient, replaced by its update; row-major contiguous floats
     * @param m         Adam's first moments, same length
     * @param v         Adam's second moments, same length
     * @param lr        the learning rate of this step
     * @param iteration the step's iteration (0 for the first)
     * @param divisor   what to divide the gradient by first, as DL4J divides it by the batch size (1 for nothing)
     */
    void apply(INDArray gradient, INDArray m, INDArray v, double lr, double beta1, double beta2, double epsilon,
               int iteration, int divisor) {
        int n = (int) gradient.length();
        if (g.length < n) {
            g = new float[n];
            this.m = new float[n];
            this.v = new float[n];
        }
        FloatBuffer gb = (FloatBuffer) Precision.FLOAT.view(gradient);
        FloatBuffer mb = (FloatBuffer) Precision.FLOAT.view(m);
        FloatBuffer vb = (FloatBuffer) Precision.FLOAT.view(v);
        gb.get(0, g, 0, n);
        if (divisor != 1) {
            float d = divisor;
            for (int i = 0; i < n; i++) {
                g[i] /= d; // a division, as ND4J's divi: the same float as DL4J's gradient
            }
        }
        mb.get(0, this.m, 0, n);
        vb.get(0, this.v, 0, n);
        // in float, as the op computes it: the bias correction of the first steps is where float rounding shows
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float powerB1 = (float) Math.pow(b1, iteration + 1);
        float powerB2 = (float) Math.pow(b2, iteration + 1);
        float alpha = (float) lr * (float) Math.sqrt(1f - powerB2) / (1f - powerB1);
        if (alpha == 0 || !Float.isFinite(alpha)) {
            alpha = (float) epsilon;
        }
        update(g, this.m, this.v, n, b1, b2, alpha, (float) epsilon);
        gb.put(0, g, 0, n);
        mb.put(0, this.m, 0, n);
        vb.put(0, this.v, 0, n);
    }

    private static void update(float[] g, float[] m, float[] v, int n, float beta1, float beta2, float alpha,
                               float epsilon) {
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = beta1 * m[i] + gi * oneMinusBeta1;
            float vi = beta2 * v[i] + gi * gi * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            g[i] = mi * alpha / ((float) Math.sqrt(vi) + epsilon);
        }
    }
}
