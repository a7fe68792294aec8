package org.lenetlab.model;

import java.util.Locale;

/**
 * Shape arithmetic of a stride-1, dilation-1 convolution over a channels-first (NCHW) batch, and the "wide" layout
 * {@link GemmConvolution} computes in.
 *
 * <p>Wide layout: each (zero-padded) input plane is {@code paddedHeight × paddedWidth}; output position
 * {@code (y, x)} of an image sits at {@code y·paddedWidth + x}, so the input values a kernel tap {@code (ky, kx)}
 * multiplies for all output positions form one contiguous run of the padded plane, starting at
 * {@code ky·paddedWidth + kx}. The columns {@code x >= outWidth} of each row are padding of the layout ("garbage
 * columns"): computed but never used. An image occupies {@link #wideLength()} columns of the im2col matrix, of which
 * the first {@link #runLength()} are written.
 *
 * @param batch        images
 * @param inChannels   input maps
 * @param inHeight     input rows
 * @param inWidth      input columns
 * @param outChannels  output maps
 * @param kernelHeight kernel rows
 * @param kernelWidth  kernel columns
 * @param padTop       zero rows above
 * @param padLeft      zero columns on the left
 * @param padBottom    zero rows below
 * @param padRight     zero columns on the right
 */
record ConvGeometry(int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelHeight,
                    int kernelWidth, int padTop, int padLeft, int padBottom, int padRight) {

    ConvGeometry {
        if (batch < 1 || inChannels < 1 || outChannels < 1 || kernelHeight < 1 || kernelWidth < 1 || padTop < 0
                || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("invalid convolution geometry: " + describe(batch, inChannels, inHeight,
                    inWidth, outChannels, kernelHeight, kernelWidth));
        }
        if (inHeight + padTop + padBottom < kernelHeight || inWidth + padLeft + padRight < kernelWidth) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the %d×%d input (padded to %d×%d) is smaller than the %d×%d kernel", inHeight, inWidth,
                    inHeight + padTop + padBottom, inWidth + padLeft + padRight, kernelHeight, kernelWidth));
        }
    }

    /**
     * @param batch   rows of the input
     * @param inputs  values per row
     * @param outputs units
     * @return a dense layer as a convolution: {@code inputs} maps of 1×1 in, {@code outputs} 1×1 kernels
     */
    static ConvGeometry dense(int batch, int inputs, int outputs) {
        return new ConvGeometry(batch, inputs, 1, 1, outputs, 1, 1, 0, 0, 0, 0);
    }

    int paddedHeight() {
        return inHeight + padTop + padBottom;
    }

    int paddedWidth() {
        return inWidth + padLeft + padRight;
    }

    boolean padded() {
        return padTop + padLeft + padBottom + padRight > 0;
    }

    int outHeight() {
        return paddedHeight() - kernelHeight + 1;
    }

    int outWidth() {
        return paddedWidth() - kernelWidth + 1;
    }

    /** @return values of one padded input plane */
    int paddedPlane() {
        return paddedHeight() * paddedWidth();
    }

    /** @return im2col columns per image in the wide layout */
    int wideLength() {
        return outHeight() * paddedWidth();
    }

    /** @return columns per image that are written: up to the last valid position of the last output row */
    int runLength() {
        return (outHeight() - 1) * paddedWidth() + outWidth();
    }

    /** @return rows of the im2col matrix: input maps × kernel area */
    int patchLength() {
        return inChannels * kernelHeight * kernelWidth;
    }

    /** @return im2col columns for the whole batch */
    int columns() {
        return Math.multiplyExact(batch, wideLength());
    }

    int inputImageLength() {
        return inChannels * inHeight * inWidth;
    }

    int outputPlane() {
        return outHeight() * outWidth();
    }

    int outputImageLength() {
        return outChannels * outputPlane();
    }

    /** @return whether the kernel covers the whole unpadded input, so the convolution is a dense layer */
    boolean isDense() {
        return !padded() && inHeight == kernelHeight && inWidth == kernelWidth;
    }

    private static String describe(int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kH,
                                   int kW) {
        return String.format(Locale.ROOT, "%d images of %d×%d×%d, %d maps of %d×%d kernels", batch, inChannels,
                inHeight, inWidth, outChannels, kH, kW);
    }
}
