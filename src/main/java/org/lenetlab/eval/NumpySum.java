package org.lenetlab.eval;

/**
 * Sums doubles in exactly the order NumPy does ({@code np.sum}, {@code np.mean}, {@code np.average} on a
 * contiguous float64 array use pairwise summation with an eight-way unrolled inner loop).
 *
 * <p>Why not a plain loop: the rounding errors of a different order change the last bits of a macro or weighted
 * average, and a value that lands next to a rounding boundary could then print differently from scikit-learn's
 * report. Summing in NumPy's order makes our averages bit-for-bit equal to scikit-learn's.
 */
final class NumpySum {
    /** NumPy's {@code PW_BLOCKSIZE}: blocks up to this length are summed by the unrolled loop. */
    private static final int BLOCK = 128;

    private NumpySum() {
    }

    /**
     * @param values the numbers
     * @return their sum, rounded as NumPy rounds it
     */
    static double sum(double[] values) {
        return pairwise(values, 0, values.length);
    }

    /**
     * @param values the numbers, not empty
     * @return their arithmetic mean as {@code np.mean} computes it
     */
    static double mean(double[] values) {
        return sum(values) / values.length;
    }

    /**
     * @param values  the numbers
     * @param weights their weights, same length, positive sum
     * @return the weighted mean as {@code np.average(values, weights=weights)} computes it
     */
    static double weightedMean(double[] values, double[] weights) {
        double[] products = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            products[i] = values[i] * weights[i];
        }
        return sum(products) / sum(weights);
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double result = -0.0;
            for (int i = 0; i < n; i++) {
                result += a[from + i];
            }
            return result;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                result += a[from + i];
            }
            return result;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }
}
