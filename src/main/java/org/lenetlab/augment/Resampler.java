package org.lenetlab.augment;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;

/**
 * Bilinear resampling of channels-first images with nearest-edge fill. Every output value is a convex combination
 * of input values, so the output never leaves the input's range.
 */
final class Resampler {
    private Resampler() {
    }

    /** Replaces {@code image} by its image under the forward map {@code forward}. */
    static void affine(float[] image, int channels, int height, int width, AffineTransform forward) {
        if (forward.isIdentity()) {
            return;
        }
        AffineTransform inverse;
        try {
            inverse = forward.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalArgumentException("the sampled transformation " + forward + " cannot be inverted (a zoom "
                    + "factor of 0?)", e);
        }
        double m00 = inverse.getScaleX();
        double m01 = inverse.getShearX();
        double m02 = inverse.getTranslateX();
        double m10 = inverse.getShearY();
        double m11 = inverse.getScaleY();
        double m12 = inverse.getTranslateY();
        float[] source = image.clone();
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            double rowX = m01 * y + m02;
            double rowY = m11 * y + m12;
            for (int x = 0; x < width; x++) {
                double sx = m00 * x + rowX;
                double sy = m10 * x + rowY;
                int at = y * width + x;
                for (int c = 0; c < channels; c++) {
                    image[c * plane + at] = bilinear(source, c * plane, height, width, sx, sy);
                }
            }
        }
    }

    /** Replaces {@code image} by sampling it at {@code (x + dx, y + dy)} for every pixel. */
    static void displace(float[] image, int channels, int height, int width, float[] dx, float[] dy) {
        float[] source = image.clone();
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * width + x;
                double sx = x + dx[at];
                double sy = y + dy[at];
                for (int c = 0; c < channels; c++) {
                    image[c * plane + at] = bilinear(source, c * plane, height, width, sx, sy);
                }
            }
        }
    }

    private static float bilinear(float[] source, int offset, int height, int width, double sx, double sy) {
        double fx = Math.floor(sx);
        double fy = Math.floor(sy);
        double ax = sx - fx;
        double ay = sy - fy;
        int x0 = clamp((int) fx, width);
        int x1 = clamp((int) fx + 1, width);
        int y0 = clamp((int) fy, height);
        int y1 = clamp((int) fy + 1, height);
        float top = (float) (source[offset + y0 * width + x0] * (1 - ax) + source[offset + y0 * width + x1] * ax);
        float bottom = (float) (source[offset + y1 * width + x0] * (1 - ax) + source[offset + y1 * width + x1] * ax);
        return (float) (top * (1 - ay) + bottom * ay);
    }

    private static int clamp(int i, int size) {
        return i < 0 ? 0 : i >= size ? size - 1 : i;
    }
}
