package org.lenetlab.model;

import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.lenetlab.backend.NativeMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-type-specific work of the fast layers, on Java arrays ({@code float[]} or {@code double[]}, passed
 * as {@code Object}) and on the native memory of ND4J arrays ({@link FloatBuffer} or {@link DoubleBuffer} views):
 * bulk copies, fused activations and their derivatives, sums, and pooling.
 *
 * <p>The loops are written so that HotSpot's C2 compiler turns them into SIMD code: every array in a loop is
 * indexed with the same expression (JDK 17's auto-vectoriser gives up on {@code a[i] += b[i + 1]}), and each loop
 * runs over a long range.
 */
abstract class Precision {
    /** 32-bit floats, the training type. */
    static final Precision FLOAT = new FloatPrecision();
    /** 64-bit floats, for gradient checks. */
    static final Precision DOUBLE = new DoublePrecision();

    /**
     * @param type a network's floating-point type
     * @return the precision computing in it
     * @throws IllegalArgumentException for types other than FLOAT and DOUBLE
     */
    static Precision of(DataType type) {
        return switch (type) {
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            default -> throw new IllegalArgumentException("The fast convolution and pooling layers compute in FLOAT or "
                    + "DOUBLE, not " + type + "; build the network with dataType(DataType.FLOAT)");
        };
    }

    abstract DataType dataType();

    abstract Object newArray(int length);

    abstract int length(Object array);

    /**
     * @param array a {@linkplain #viewable viewable} array
     * @return a view of its native memory whose index 0 is the array's first element
     */
    abstract Buffer view(INDArray array);

    /** Copies {@code length} values from native memory into a Java array. */
    abstract void get(Buffer from, int index, Object to, int offset, int length);

    /** Copies {@code length} values from a Java array into native memory. */
    abstract void put(Buffer to, int index, Object from, int offset, int length);

    /** Copies {@code length} values between native arrays. */
    abstract void copy(Buffer from, int fromIndex, Buffer to, int toIndex, int length);

    /** Applies {@code f} in place to {@code values[from..to)}. */
    abstract void activate(FusedActivation f, Object values, int from, int to);

    /** {@code delta[i] *= f'(x_i)} for {@code i} in {@code [from, to)}, with {@code f'} computed from {@code f(x_i)}. */
    abstract void multiplyByDerivative(FusedActivation f, Object delta, Object activation, int from, int to);

    /** {@code target[i] += Σ_j terms[j][i]} over the first {@code count} terms, for {@code i} in {@code [from, to)}. */
    abstract void addSum(Object target, Object[] terms, int count, int from, int to);

    /** {@code target[c][r] += values[r][c]}: adds a {@code rows × columns} matrix to the transposed target. */
    abstract void addTransposed(Object target, Object values, int rows, int columns);

    /** Adds {@code bias[c]} to each value of channel {@code c} of each row of {@code rows × channels} values. */
    abstract void addBiasPerColumn(Object values, Object bias, int rows, int channels);

    /** Column sums of a {@code rows × channels} matrix into {@code sums} (overwritten). */
    abstract void columnSums(Object values, int rows, int channels, Object sums);

    abstract void fill(Object array, int from, int to, double value);

    /** Copies the first {@code length} values of a Java array of this precision into {@code to}. */
    abstract void toDoubles(Object from, double[] to, int length);

    /** Copies the first {@code length} values of {@code from} into a Java array of this precision. */
    abstract void fromDoubles(double[] from, Object to, int length);

    /**
     * Pools each {@code height × width} plane of planes {@code [fromPlane, toPlane)} into {@code outHeight ×
     * outWidth} windows of {@code kh × kw} values taken every {@code sh, sw} values: the maximum (recording in
     * {@code argmax} where in the input it was; the first of equal values wins) or the mean. Disjoint plane ranges
     * may run at the same time.
     */
    abstract void pool(boolean max, Object in, Object out, int[] argmax, int fromPlane, int toPlane, int height,
                       int width, int kh, int kw, int sh, int sw, int outHeight, int outWidth);

    /**
     * The backward pass of {@link #pool} over planes {@code [fromPlane, toPlane)}: routes each output gradient to
     * the maximum's position, or spreads it evenly over its window; those planes of {@code inGradient} are
     * overwritten.
     */
    abstract void unpool(boolean max, Object outGradient, Object inGradient, int[] argmax, int fromPlane,
                         int toPlane, int height, int width, int kh, int kw, int sh, int sw, int outHeight,
                         int outWidth);

    /** @return whether an array can be read and written through {@link #view}: row-major contiguous, this type */
    boolean viewable(INDArray array) {
        return array.dataType() == dataType() && !array.isEmpty() && isRowMajor(array);
    }

    /**
     * @param array any array
     * @return whether its values lie one after another in row-major (c) order from its first one. Unlike ND4J's
     *     {@code Shape.hasDefaultStridesForShape}, a dimension of size 1 may have any stride: {@code [64, 1, 32, 32]}
     *     with strides {@code [1024, 1024, 32, 1]}, a 1×1 convolution's kernel or a vector in f order qualify
     */
    static boolean isRowMajor(INDArray array) {
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /**
     * @param array any array
     * @return {@code array} if {@linkplain #viewable viewable}, else a c-ordered copy in this precision
     */
    INDArray viewableCopy(INDArray array) {
        if (viewable(array)) {
            return array;
        }
        return array.castTo(dataType()).dup('c');
    }

    private static final class FloatPrecision extends Precision {
        /** Beyond ±C, tanh rounds to ±1 in float. */
        private static final float TANH_CLAMP = 7.90531110763549805f;
        private static final float SCALED_A = (float) ActivationScaledTanh.AMPLITUDE;
        private static final float SCALED_S = (float) ActivationScaledTanh.SLOPE;

        @Override
        DataType dataType() {
            return DataType.FLOAT;
        }

        @Override
        Object newArray(int length) {
            return new float[length];
        }

        @Override
        int length(Object array) {
            return ((float[]) array).length;
        }

        @Override
        Buffer view(INDArray array) {
            return NativeMemory.floats(array);
        }

        @Override
        void get(Buffer from, int index, Object to, int offset, int length) {
            ((FloatBuffer) from).get(index, (float[]) to, offset, length);
        }

        @Override
        void put(Buffer to, int index, Object from, int offset, int length) {
            ((FloatBuffer) to).put(index, (float[]) from, offset, length);
        }

        @Override
        void copy(Buffer from, int fromIndex, Buffer to, int toIndex, int length) {
            ((FloatBuffer) to).put(toIndex, (FloatBuffer) from, fromIndex, length);
        }

        @Override
        void activate(FusedActivation f, Object values, int from, int to) {
            float[] a = (float[]) values;
            switch (f) {
                case IDENTITY -> {
                }
                case RELU -> relu(a, from, to);
                case TANH -> tanh(a, from, to, 1f, 1f);
                case SCALED_TANH -> tanh(a, from, to, SCALED_S, SCALED_A);
                default -> throw new AssertionError(f);
            }
        }

        private static void relu(float[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                a[i] = Math.max(a[i], 0f);
            }
        }

        /**
         * {@code amplitude·tanh(slope·x)} in place. A rational approximation (Eigen's {@code ptanh_float}, the one
         * TensorFlow uses): at most 4 float ulps from the exact value, and it vectorises, where {@code Math.tanh}
         * costs about 40 ns per value.
         */
        private static void tanh(float[] a, int from, int to, float slope, float amplitude) {
            for (int i = from; i < to; i++) {
                float x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, a[i] * slope));
                float x2 = x * x;
                float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
                p = p * x2 + -8.60467152213735e-11f;
                p = p * x2 + 5.12229709037114e-08f;
                p = p * x2 + 1.48572235717979e-05f;
                p = p * x2 + 6.37261928875436e-04f;
                p = p * x2 + 4.89352455891786e-03f;
                p = p * x;
                float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
                q = q * x2 + 2.26843463243900e-03f;
                q = q * x2 + 4.89352518554385e-03f;
                a[i] = amplitude * (p / q);
            }
        }

        @Override
        void multiplyByDerivative(FusedActivation f, Object delta, Object activation, int from, int to) {
            float[] d = (float[]) delta;
            float[] a = (float[]) activation;
            switch (f) {
                case IDENTITY -> {
                }
                case RELU -> {
                    // a = max(z, 0): min(a·2¹⁴⁹, 1) is 1 where a > 0 (the smallest positive float is 2⁻¹⁴⁹) and 0
                    // where a = 0. Without a branch, for ReLU's activations are positive about half the time and a
                    // branch mispredicts on every other value: measured 5.5 ms per million values with the branch,
                    // 0.15 ms without. Same results wherever δ is finite.
                    for (int i = from; i < to; i++) {
                        d[i] *= Math.min(a[i] * 0x1p127f * 0x1p22f, 1f);
                    }
                }
                case TANH -> {
                    for (int i = from; i < to; i++) {
                        d[i] = d[i] * (1f - a[i] * a[i]);
                    }
                }
                case SCALED_TANH -> {
                    float inv = 1f / SCALED_A;
                    float gain = SCALED_A * SCALED_S;
                    for (int i = from; i < to; i++) {
                        float t = a[i] * inv;
                        d[i] = d[i] * (gain * (1f - t * t));
                    }
                }
                default -> throw new AssertionError(f);
            }
        }

        @Override
        void addSum(Object target, Object[] terms, int count, int from, int to) {
            float[] y = (float[]) target;
            int j = 0;
            for (; j + 4 < count; j += 5) {
                float[] t0 = (float[]) terms[j];
                float[] t1 = (float[]) terms[j + 1];
                float[] t2 = (float[]) terms[j + 2];
                float[] t3 = (float[]) terms[j + 3];
                float[] t4 = (float[]) terms[j + 4];
                for (int i = from; i < to; i++) {
                    y[i] += t0[i] + t1[i] + t2[i] + t3[i] + t4[i];
                }
            }
            for (; j + 1 < count; j += 2) {
                float[] t0 = (float[]) terms[j];
                float[] t1 = (float[]) terms[j + 1];
                for (int i = from; i < to; i++) {
                    y[i] += t0[i] + t1[i];
                }
            }
            if (j < count) {
                float[] t0 = (float[]) terms[j];
                for (int i = from; i < to; i++) {
                    y[i] += t0[i];
                }
            }
        }

        @Override
        void addTransposed(Object target, Object values, int rows, int columns) {
            float[] t = (float[]) target;
            float[] v = (float[]) values;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    t[c * rows + r] += v[r * columns + c];
                }
            }
        }

        @Override
        void addBiasPerColumn(Object values, Object bias, int rows, int channels) {
            float[] v = (float[]) values;
            float[] b = (float[]) bias;
            for (int r = 0; r < rows; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    v[o + c] += b[c];
                }
            }
        }

        @Override
        void columnSums(Object values, int rows, int channels, Object sums) {
            float[] v = (float[]) values;
            float[] s = (float[]) sums;
            java.util.Arrays.fill(s, 0, channels, 0f);
            for (int r = 0; r < rows; r++) {
                int o = r * channels;
                for (int c = 0; c < channels; c++) {
                    s[c] += v[o + c];
                }
            }
        }

        @Override
        void fill(Object array, int from, int to, double value) {
            java.util.Arrays.fill((float[]) array, from, to, (float) value);
        }

        @Override
        void toDoubles(Object from, double[] to, int length) {
            float[] f = (float[]) from;
            for (int i = 0; i < length; i++) {
                to[i] = f[i];
            }
        }

        @Override
        void fromDoubles(double[] from, Object to, int length) {
            float[] t = (float[]) to;
            for (int i = 0; i < length; i++) {
                t[i] = (float) from[i];
            }
        }

        @Override
        void pool(boolean max, Object in, Object out, int[] argmax, int fromPlane, int toPlane, int height,
                  int width, int kh, int kw, int sh, int sw, int outHeight, int outWidth) {
            float[] x = (float[]) in;
            float[] y = (float[]) out;
            if (kh == 2 && kw == 2 && sh == 2 && sw == 2) {
                pool2x2(max, x, y, argmax, fromPlane, toPlane, height, width, outHeight, outWidth);
                return;
            }
            float scale = 1f / (kh * kw);
            int o = fromPlane * outHeight * outWidth;
            for (int pl = fromPlane; pl < toPlane; pl++) {
                int base = pl * height * width;
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++, o++) {
                        int start = base + oy * sh * width + ox * sw;
                        if (max) {
                            int best = start;
                            float m = x[start];
                            for (int ky = 0; ky < kh; ky++) {
                                int row = start + ky * width;
                                for (int kx = 0; kx < kw; kx++) {
                                    if (x[row + kx] > m) {
                                        m = x[row + kx];
                                        best = row + kx;
                                    }
                                }
                            }
                            y[o] = m;
                            argmax[o] = best;
                        } else {
                            float sum = 0f;
                            for (int ky = 0; ky < kh; ky++) {
                                int row = start + ky * width;
                                for (int kx = 0; kx < kw; kx++) {
                                    sum += x[row + kx];
                                }
                            }
                            y[o] = sum * scale;
                        }
                    }
                }
            }
        }

        /** 2×2 windows every 2 values, the LeNet case: no inner loops, two input rows at a time. */
        private static void pool2x2(boolean max, float[] x, float[] y, int[] argmax, int fromPlane, int toPlane,
                                    int height, int width, int outHeight, int outWidth) {
            int o = fromPlane * outHeight * outWidth;
            for (int pl = fromPlane; pl < toPlane; pl++) {
                int base = pl * height * width;
                for (int oy = 0; oy < outHeight; oy++) {
                    int r0 = base + 2 * oy * width;
                    int r1 = r0 + width;
                    if (max) {
                        // Branch-free: which of a window's values is the maximum is as good as random, and
                        // comparing them one by one mispredicted (3.6 ms per million inputs, 1.45 ms so). The window's
                        // values in reading order are a0, a1 (row r0) and a2, a3 (row r1); l_k is 1 while a_k is below
                        // the maximum m, so l0 + l0·l1 + l0·l1·l2 is the position of the first maximum, as DL4J's.
                        for (int ox = 0; ox < outWidth; ox++, o++) {
                            int i = r0 + 2 * ox;
                            int j = r1 + 2 * ox;
                            float a0 = x[i];
                            float a1 = x[i + 1];
                            float a2 = x[j];
                            float m = Math.max(Math.max(a0, a1), Math.max(a2, x[j + 1]));
                            int l0 = Float.floatToRawIntBits(a0 - m) >>> 31;
                            int l01 = l0 & (Float.floatToRawIntBits(a1 - m) >>> 31);
                            int l012 = l01 & (Float.floatToRawIntBits(a2 - m) >>> 31);
                            y[o] = m;
                            argmax[o] = i + l0 + l01 + l012 + l01 * (width - 2); // positions 2, 3 are a row down
                        }
                    } else {
                        for (int ox = 0; ox < outWidth; ox++, o++) {
                            int i = r0 + 2 * ox;
                            int j = r1 + 2 * ox;
                            y[o] = ((x[i] + x[i + 1]) + (x[j] + x[j + 1])) * 0.25f;
                        }
                    }
                }
            }
        }

        /** Backward pass of 2×2/2 average pooling: every input gets a quarter of its window's gradient. */
        private static void unpoolAverage2x2(float[] dy, float[] dx, int fromPlane, int toPlane, int height, int width,
                                             int outHeight, int outWidth) {
            if (height != 2 * outHeight || width != 2 * outWidth) {
                // an odd last row or column gets nothing
                java.util.Arrays.fill(dx, fromPlane * height * width, toPlane * height * width, 0f);
            }
            int o = fromPlane * outHeight * outWidth;
            for (int pl = fromPlane; pl < toPlane; pl++) {
                int base = pl * height * width;
                for (int oy = 0; oy < outHeight; oy++) {
                    int r0 = base + 2 * oy * width;
                    int r1 = r0 + width;
                    for (int ox = 0; ox < outWidth; ox++, o++) {
                        float g = dy[o] * 0.25f;
                        dx[r0 + 2 * ox] = g;
                        dx[r0 + 2 * ox + 1] = g;
                        dx[r1 + 2 * ox] = g;
                        dx[r1 + 2 * ox + 1] = g;
                    }
                }
            }
        }

        @Override
        void unpool(boolean max, Object outGradient, Object inGradient, int[] argmax, int fromPlane, int toPlane,
                    int height, int width, int kh, int kw, int sh, int sw, int outHeight, int outWidth) {
            float[] dy = (float[]) outGradient;
            float[] dx = (float[]) inGradient;
            if (!max && kh == 2 && kw == 2 && sh == 2 && sw == 2) {
                unpoolAverage2x2(dy, dx, fromPlane, toPlane, height, width, outHeight, outWidth);
                return;
            }
            java.util.Arrays.fill(dx, fromPlane * height * width, toPlane * height * width, 0f);
            int n = toPlane * outHeight * outWidth;
            if (max) {
                for (int o = fromPlane * outHeight * outWidth; o < n; o++) {
                    dx[argmax[o]] += dy[o];
                }
                return;
            }
            float scale = 1f / (kh * kw);
            int o = fromPlane * outHeight * outWidth;
            for (int pl = fromPlane; pl < toPlane; pl++) {
                int base = pl * height * width;
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++, o++) {
                        float g = dy[o] * scale;
                        int start = base + oy * sh * width + ox * sw;
                        for (int ky = 0; ky < kh; ky++) {
                            int row = start + ky * width;
                            for (int kx = 0; kx < kw; kx++) {
                                dx[row + kx] += g;
                            }
                        }
                    }
                }
            }
        }
    }

    private static final class DoublePrecision extends Precision {
        @Override
        DataType dataType() {
            return DataType.DOUBLE;
        }

        @Override
        Object newArray(int length) {
            return new double[length];
        }

        @Override
        int length(Object array) {
            return ((double[]) array).length;
        }

        @Override
        Buffer view(INDArray array) {
            return NativeMemory.doubles(array);
        }

        @Override
        void get(Buffer from, int index, Object to, int offset, int length) {
            ((DoubleBuffer) from).get(index, (double[]) to, offset, length);
        }

        @Override
        void put(Buffer to, int index, Object from, int offset, int length) {
            ((DoubleBuffer) to).put(index, (double[]) from, offset, length);
        }

        @Override
        void copy(Buffer from, int fromIndex, Buffer to, int toIndex, int length) {
            ((DoubleBuffer) to).put(toIndex, (DoubleBuffer) from, fromIndex, length);
        }

        @Override
        void activate(FusedActivation f, Object values, int from, int to) {
            double[] a = (double[]) values;
            switch (f) {
                case IDENTITY -> {
                }
                case RELU -> {
                    for (int i = from; i < to; i++) {
                        a[i] = Math.max(a[i], 0.0);
                    }
                }
                case TANH -> {
                    for (int i = from; i < to; i++) {
                        a[i] = Math.tanh(a[i]);
                    }
                }
                case SCALED_TANH -> {
                    for (int i = from; i < to; i++) {
                        a[i] = ActivationScaledTanh.value(a[i]);
                    }
                }
                default -> throw new AssertionError(f);
            }
        }

        @Override
        void multiplyByDerivative(FusedActivation f, Object delta, Object activation, int from, int to) {
            double[] d = (double[]) delta;
            double[] a = (double[]) activation;
            switch (f) {
                case IDENTITY -> {
                }
                case RELU -> {
                    for (int i = from; i < to; i++) {
                        d[i] = a[i] > 0 ? d[i] : 0;
                    }
                }
                case TANH -> {
                    for (int i = from; i < to; i++) {
                        d[i] *= 1 - a[i] * a[i];
                    }
                }
                case SCALED_TANH -> {
                    double gain = ActivationScaledTanh.AMPLITUDE * ActivationScaledTanh.SLOPE;
                    for (int i = from; i < to; i++) {
                        double t = a[i] / ActivationScaledTanh.AMPLITUDE;
                        d[i] *= gain * (1 - t * t);
                    }
                }
                default -> throw new AssertionError(f);
            }
        }

        @Override
        void addSum(Object target, Object[] terms, int count, int from, int to) {
            double[] y = (double[]) target;
            for (int j = 0; j < count; j++) {
                double[] t = (double[]) terms[j];
                for (int i = from; i < to; i++) {
                    y[i] += t[i];
                }
            }
        }

        @Override
        void addTransposed(Object target, Object values, int rows, int columns) {
            double[] t = (double[]) target;
            double[] v = (double[]) values;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    t[c * rows + r] += v[r * columns + c];
                }
            }
        }

        @Override
        void addBiasPerColumn(Object values, Object bias, int rows, int channels) {
            double[] v = (double[]) values;
            double[] b = (double[]) bias;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c++) {
                    v[r * channels + c] += b[c];
                }
            }
        }

        @Override
        void columnSums(Object values, int rows, int channels, Object sums) {
            double[] v = (double[]) values;
            double[] s = (double[]) sums;
            java.util.Arrays.fill(s, 0, channels, 0.0);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c++) {
                    s[c] += v[r * channels + c];
                }
            }
        }

        @Override
        void fill(Object array, int from, int to, double value) {
            java.util.Arrays.fill((double[]) array, from, to, value);
        }

        @Override
        void toDoubles(Object from, double[] to, int length) {
            System.arraycopy(from, 0, to, 0, length);
        }

        @Override
        void fromDoubles(double[] from, Object to, int length) {
            System.arraycopy(from, 0, to, 0, length);
        }

        @Override
        void pool(boolean max, Object in, Object out, int[] argmax, int fromPlane, int toPlane, int height,
                  int width, int kh, int kw, int sh, int sw, int outHeight, int outWidth) {
            double[] x = (double[]) in;
            double[] y = (double[]) out;
            double scale = 1.0 / (kh * kw);
            int o = fromPlane * outHeight * outWidth;
            for (int pl = fromPlane; pl < toPlane; pl++) {
                int base = pl * height * width;
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++, o++) {
                        int start = base + oy * sh * width + ox * sw;
                        if (max) {
                            int best = start;
                            double m = x[start];
                            for (int ky = 0; ky < kh; ky++) {
                                int row = start + ky * width;
                                for (int kx = 0; kx < kw; kx++) {
                                    if (x[row + kx] > m) {
                                        m = x[row + kx];
                                        best = row + kx;
                                    }
                                }
                            }
                            y[o] = m;
                            argmax[o] = best;
                        } else {
                            double sum = 0;
                            for (int ky = 0; ky < kh; ky++) {
                                int row = start + ky * width;
                                for (int kx = 0; kx < kw; kx++) {
                                    sum += x[row + kx];
                                }
                            }
                            y[o] = sum * scale;
                        }
                    }
                }
            }
        }

        @Override
        void unpool(boolean max, Object outGradient, Object inGradient, int[] argmax, int fromPlane, int toPlane,
                    int height, int width, int kh, int kw, int sh, int sw, int outHeight, int outWidth) {
            double[] dy = (double[]) outGradient;
            double[] dx = (double[]) inGradient;
            java.util.Arrays.fill(dx, fromPlane * height * width, toPlane * height * width, 0.0);
            int n = toPlane * outHeight * outWidth;
            if (max) {
                for (int o = fromPlane * outHeight * outWidth; o < n; o++) {
                    dx[argmax[o]] += dy[o];
                }
                return;
            }
            double scale = 1.0 / (kh * kw);
            int o = fromPlane * outHeight * outWidth;
            for (int pl = fromPlane; pl < toPlane; pl++) {
                int base = pl * height * width;
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++, o++) {
                        double g = dy[o] * scale;
                        int start = base + oy * sh * width + ox * sw;
                        for (int ky = 0; ky < kh; ky++) {
                            int row = start + ky * width;
                            for (int kx = 0; kx < kw; kx++) {
                                dx[row + kx] += g;
                            }
                        }
                    }
                }
            }
        }
    }
}
