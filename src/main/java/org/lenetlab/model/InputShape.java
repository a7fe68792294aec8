package org.lenetlab.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of the images a network takes: height × width × channels (1 for grayscale, 3 for RGB).
 *
 * <p>Written the way people say it ("28×28×1", "64×64×3"); inside the network the images are channels-first
 * ({@code N×C×H×W}), as in {@link org.lenetlab.data.ImageDataset}.
 *
 * @param height   image height in pixels, at least 1
 * @param width    image width in pixels, at least 1
 * @param channels colour channels, at least 1
 */
public record InputShape(int height, int width, int channels) {
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d+)\\s*[x×*,]\\s*(\\d+)\\s*[x×*,]\\s*(\\d+)\\s*");

    /** 28×28 grayscale, the MNIST and Fashion-MNIST size. */
    public static final InputShape MNIST = new InputShape(28, 28, 1);

    /**
     * Checks the values.
     *
     * @param height see {@link #height()}
     * @param width see {@link #width()}
     * @param channels see {@link #channels()}
     */
    public InputShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Input shape %d×%d×%d is not valid: height, width and channels must all be at least 1 "
                            + "(for example 28×28×1 for MNIST or 64×64×3 for small RGB images)",
                    height, width, channels));
        }
    }

    /**
     * Reads a shape written as {@code HxWxC}, e.g. {@code 28x28x1} or {@code 64×64×3}.
     *
     * @param text the shape as the user typed it
     * @return the shape
     * @throws IllegalArgumentException if the text is not three positive whole numbers separated by {@code x}
     */
    public static InputShape parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Input shape '" + text
                    + "' is not of the form HEIGHTxWIDTHxCHANNELS, e.g. 28x28x1 or 64x64x3");
        }
        try {
            return new InputShape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Input shape '" + text + "' has a number that is too large", e);
        }
    }

    /** @return the same image size in the calculator's channels-first form, {@code (C, H, W)} */
    public TensorShape toTensorShape() {
        return TensorShape.image(channels, height, width);
    }

    /** @return values per image, {@code H·W·C} */
    public long size() {
        return (long) height * width * channels;
    }

    /** @return e.g. {@code 28×28×1} */
    @Override
    public String toString() {
        return height + "×" + width + "×" + channels;
    }
}
