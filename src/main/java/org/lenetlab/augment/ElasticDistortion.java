package org.lenetlab.augment;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The elastic distortion of Simard, Steinkraus and Platt (2003), "Best practices for convolutional neural networks
 * applied to visual document analysis", ICDAR: every pixel gets a random displacement, each component uniform in
 * {@code [-1, 1]}; both displacement fields are smoothed with a Gaussian of standard deviation {@code sigma} pixels
 * and multiplied by {@code alpha}; the image is then resampled bilinearly at the displaced positions. Small
 * {@code sigma} gives noisy jitter, large {@code sigma} nearly a translation; Simard et al. used {@code sigma = 4}
 * and {@code alpha = 34} on MNIST, and distortions of this kind are what LeNet-5's best 1998 result (0.8 % test
 * error) was trained with.
 *
 * <p>Cost: two separable Gaussian filters per image (kernel radius {@code ceil(3·sigma)}), about 0.1 ms for a
 * 28×28 image.
 */
public final class ElasticDistortion implements Augmentation {
    private final double alpha;
    private final double sigma;
    private final float[] kernel;

    /** @return Simard et al.'s setting for MNIST: {@code alpha = 34}, {@code sigma = 4} */
    public static ElasticDistortion simard() {
        return new ElasticDistortion(34, 4);
    }

    /**
     * @param alpha strength: scale of the smoothed displacements, in pixels, {@code >= 0}
     * @param sigma smoothness: standard deviation of the Gaussian, in pixels, {@code > 0}
     * @throws IllegalArgumentException if out of range
     */
    public ElasticDistortion(double alpha, double sigma) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("the elastic strength alpha must be a finite number of at least 0 "
                    + "(Simard et al.: 34), got " + alpha);
        }
        if (!(sigma > 0 && sigma <= 100)) {
            throw new IllegalArgumentException("the elastic smoothness sigma must be above 0 and at most 100 pixels "
                    + "(Simard et al.: 4), got " + sigma);
        }
        this.alpha = alpha;
        this.sigma = sigma;
        this.kernel = gaussian(sigma);
    }

    /** @return the strength alpha */
    public double alpha() {
        return alpha;
    }

    /** @return the smoothness sigma */
    public double sigma() {
        return sigma;
    }

    private static float[] gaussian(double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-(i * i) / (2 * sigma * sigma));
            k[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (k[i] / sum);
        }
        return k;
    }

    @Override
    public void apply(float[] image, int channels, int height, int width, SplittableRandom random) {
        Augmentation.checkShape(image, channels, height, width);
        int n = height * width;
        float[] dx = new float[n];
        float[] dy = new float[n];
        for (int i = 0; i < n; i++) {
            dx[i] = (float) random.nextDouble(-1, 1);
            dy[i] = (float) random.nextDouble(-1, 1);
        }
        if (alpha == 0) {
            return;
        }
        float[] scratch = new float[n];
        smooth(dx, scratch, height, width);
        smooth(dy, scratch, height, width);
        for (int i = 0; i < n; i++) {
            dx[i] *= (float) alpha;
            dy[i] *= (float) alpha;
        }
        Resampler.displace(image, channels, height, width, dx, dy);
    }

    /** Separable Gaussian filter with zeros outside the image (the field is zero-mean noise). */
    private void smooth(float[] field, float[] scratch, int height, int width) {
        int radius = kernel.length / 2;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int from = Math.max(0, x - radius);
                int to = Math.min(width - 1, x + radius);
                float s = 0;
                for (int j = from; j <= to; j++) {
                    s += kernel[j - x + radius] * field[row + j];
                }
                scratch[row + x] = s;
            }
        }
        for (int y = 0; y < height; y++) {
            int from = Math.max(0, y - radius);
            int to = Math.min(height - 1, y + radius);
            for (int x = 0; x < width; x++) {
                float s = 0;
                for (int j = from; j <= to; j++) {
                    s += kernel[j - y + radius] * scratch[j * width + x];
                }
                field[y * width + x] = s;
            }
        }
    }

    /** @return e.g. {@code elastic alpha=34 sigma=4} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "elastic alpha=%s sigma=%s", Numbers.format(alpha), Numbers.format(sigma));
    }
}
