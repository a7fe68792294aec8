package org.lenetlab.model;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of one example's activations between layers, without the batch dimension: either an image stack
 * {@code (channels, height, width)} or a flat vector {@code (size)}.
 *
 * <p>Shapes print channels-first, like DL4J's NCHW arrays: {@code (6, 28, 28)} means 6 feature maps of 28×28.
 * (Keras, which is channels-last, would print the same thing as {@code (None, 28, 28, 6)}.)
 *
 * @param dims the dimensions: three for an image stack, one for a vector; all at least 1
 */
public record TensorShape(List<Integer> dims) {
    /**
     * Checks the values.
     *
     * @param dims see {@link #dims()}
     */
    public TensorShape {
        dims = List.copyOf(dims);
        if (dims.size() != 1 && dims.size() != 3) {
            throw new IllegalArgumentException("A tensor shape has 3 dimensions (channels, height, width) or 1 "
                    + "(vector size), got " + dims);
        }
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("Every dimension of a tensor shape must be at least 1, got "
                        + dims);
            }
        }
    }

    /**
     * @param channels feature maps (or colour channels)
     * @param height   rows
     * @param width    columns
     * @return an image-stack shape {@code (channels, height, width)}
     */
    public static TensorShape image(int channels, int height, int width) {
        return new TensorShape(List.of(channels, height, width));
    }

    /**
     * @param size number of values
     * @return a flat vector shape {@code (size)}
     */
    public static TensorShape vector(int size) {
        return new TensorShape(List.of(size));
    }

    /** @return true for {@code (channels, height, width)}, false for a flat vector */
    public boolean isImage() {
        return dims.size() == 3;
    }

    /** @return feature maps of an image stack; for a vector, its size (the "features" a batch norm normalises) */
    public int channels() {
        return dims.get(0);
    }

    /**
     * @return rows of an image stack
     * @throws IllegalStateException for a vector
     */
    public int height() {
        requireImage("height");
        return dims.get(1);
    }

    /**
     * @return columns of an image stack
     * @throws IllegalStateException for a vector
     */
    public int width() {
        requireImage("width");
        return dims.get(2);
    }

    /** @return number of values in one example (what a flatten produces) */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    private void requireImage(String what) {
        if (!isImage()) {
            throw new IllegalStateException("A flat vector " + this + " has no " + what);
        }
    }

    /** @return e.g. {@code (6, 28, 28)} or {@code (84)} */
    @Override
    public String toString() {
        return dims.stream().map(d -> String.format(Locale.ROOT, "%d", d)).collect(Collectors.joining(", ", "(", ")"));
    }
}
