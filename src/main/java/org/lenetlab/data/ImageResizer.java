package org.lenetlab.data;

import java.util.Objects;

/**
 * Resizes channels-first float images. Shrinking uses area averaging (each output pixel is the mean of the source
 * area it covers, partial pixels weighted by their overlap), which keeps thin strokes and avoids aliasing; enlarging
 * uses bilinear interpolation between pixel centres. Both are applied separately along the width and the height.
 * Same size in, same size out: the image is copied unchanged.
 */
public final class ImageResizer {
    private ImageResizer() {
    }

    /**
     * Resizes every image of a dataset, e.g. MNIST's 28×28 digits to the 32×32 input of LeCun's 1998 LeNet-5, to
     * see how the input size changes what a network learns.
     *
     * <pre>{@code
     * ImageDataset big = ImageResizer.resize(train, 32, 32);        // "MNIST (train) (resized to 32×32)"
     * BuiltModel model = KerasLeNet.builder().input(32, 32, 1).build();
     * }</pre>
     *
     * @param dataset the images
     * @param height  wanted height, at least 1
     * @param width   wanted width, at least 1
     * @return a new dataset with the same labels, classes and source, named with the new size; the dataset itself
     *     when it already has that size
     * @throws IllegalArgumentException if the size is not positive
     */
    public static ImageDataset resize(ImageDataset dataset, int height, int width) {
        Objects.requireNonNull(dataset, "dataset");
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("cannot resize " + dataset.name() + " to " + height + "×" + width
                    + ": height and width must be at least 1");
        }
        if (dataset.height() == height && dataset.width() == width) {
            return dataset;
        }
        int c = dataset.channels();
        int outLength = c * height * width;
        float[] pixels = new float[dataset.size() * outLength];
        float[] image = new float[dataset.imageLength()];
        for (int i = 0; i < dataset.size(); i++) {
            dataset.copyImage(i, image, 0);
            float[] resized = resize(image, c, dataset.height(), dataset.width(), height, width);
            System.arraycopy(resized, 0, pixels, i * outLength, outLength);
        }
        return new ImageDataset(dataset.name() + " (resized to " + height + "×" + width + ")", dataset.source(),
                pixels, dataset.labels(), c, height, width, dataset.classNames());
    }

    /**
     * @param src      {@code channels × inHeight × inWidth} values
     * @param channels number of channels
     * @param inHeight source height
     * @param inWidth  source width
     * @param outHeight wanted height
     * @param outWidth  wanted width
     * @return {@code channels × outHeight × outWidth} values
     */
    public static float[] resize(float[] src, int channels, int inHeight, int inWidth, int outHeight, int outWidth) {
        if (src.length != channels * inHeight * inWidth) {
            throw new IllegalArgumentException("image has " + src.length + " values, expected " + channels + "×"
                    + inHeight + "×" + inWidth);
        }
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + outHeight + "×" + outWidth);
        }
        if (inHeight == outHeight && inWidth == outWidth) {
            return src.clone();
        }
        Weights horizontal = Weights.of(inWidth, outWidth);
        Weights vertical = Weights.of(inHeight, outHeight);
        float[] rows = new float[channels * inHeight * outWidth];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < inHeight; y++) {
                int in = (c * inHeight + y) * inWidth;
                int out = (c * inHeight + y) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    rows[out + x] = horizontal.apply(x, src, in, 1);
                }
            }
        }
        float[] result = new float[channels * outHeight * outWidth];
        for (int c = 0; c < channels; c++) {
            int plane = c * inHeight * outWidth;
            for (int y = 0; y < outHeight; y++) {
                int out = (c * outHeight + y) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    result[out + x] = vertical.apply(y, rows, plane + x, outWidth);
                }
            }
        }
        return result;
    }

    /** For each output position: the first source index and the weights of the following source pixels. */
    private record Weights(int[] first, float[][] weights) {

        static Weights of(int in, int out) {
            return in >= out ? area(in, out) : bilinear(in, out);
        }

        private static Weights area(int in, int out) {
            double scale = (double) in / out;
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double from = o * scale;
                double to = (o + 1) * scale;
                int i0 = (int) Math.floor(from);
                int i1 = Math.min(in, (int) Math.ceil(to - 1e-9));
                first[o] = i0;
                weights[o] = new float[i1 - i0];
                for (int i = i0; i < i1; i++) {
                    double overlap = Math.min(to, i + 1) - Math.max(from, i);
                    weights[o][i - i0] = (float) (overlap / scale);
                }
            }
            return new Weights(first, weights);
        }

        private static Weights bilinear(int in, int out) {
            double scale = (double) in / out;
            int[] first = new int[out];
            float[][] weights = new float[out][];
            for (int o = 0; o < out; o++) {
                double centre = Math.min(in - 1, Math.max(0, (o + 0.5) * scale - 0.5));
                int i0 = (int) Math.floor(centre);
                float frac = (float) (centre - i0);
                first[o] = i0;
                weights[o] = i0 + 1 < in ? new float[] {1 - frac, frac} : new float[] {1};
            }
            return new Weights(first, weights);
        }

        float apply(int o, float[] src, int base, int stride) {
            float[] w = weights[o];
            int at = base + first[o] * stride;
            float sum = 0;
            for (int k = 0; k < w.length; k++) {
                sum += w[k] * src[at + k * stride];
            }
            return sum;
        }
    }
}
