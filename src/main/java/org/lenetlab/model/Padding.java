package org.lenetlab.model;

import java.util.Locale;

/**
 * How a convolution or pooling window treats the image border.
 *
 * <ul>
 *   <li>{@link #VALID}: no padding; the window stays inside the image, so the output shrinks:
 *       {@code out = floor((in - k) / s) + 1}.</li>
 *   <li>{@link #SAME}: pads just enough that {@code out = ceil(in / s)} (with stride 1 the output has the input's
 *       size). This is DL4J's {@code ConvolutionMode.Same} and Keras' {@code padding="same"}.</li>
 *   <li>{@link #explicit(int, int)}: {@code p} zero rows/columns on each side:
 *       {@code out = floor((in + 2p - k) / s) + 1}.</li>
 * </ul>
 *
 * @param mode   which rule applies
 * @param height rows added at the top and again at the bottom (explicit mode only, else 0)
 * @param width  columns added at the left and again at the right (explicit mode only, else 0)
 */
public record Padding(Mode mode, int height, int width) {
    /** The three padding rules. */
    public enum Mode {
        /** No padding. */
        VALID,
        /** Output size {@code ceil(in / stride)}. */
        SAME,
        /** A fixed number of zeros on each side. */
        EXPLICIT
    }

    /** No padding. */
    public static final Padding VALID = new Padding(Mode.VALID, 0, 0);
    /** "Same" padding. */
    public static final Padding SAME = new Padding(Mode.SAME, 0, 0);

    /**
     * Checks the values.
     *
     * @param mode see {@link #mode()}
     * @param height see {@link #height()}
     * @param width see {@link #width()}
     */
    public Padding {
        if (mode == null) {
            throw new IllegalArgumentException("Padding mode must be VALID, SAME or EXPLICIT, got null");
        }
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Padding must not be negative, got %d×%d", height, width));
        }
        if (mode != Mode.EXPLICIT && (height != 0 || width != 0)) {
            throw new IllegalArgumentException("Only explicit padding has sizes; use Padding.explicit(h, w)");
        }
    }

    /**
     * @param height zero rows on the top and on the bottom
     * @param width  zero columns on the left and on the right
     * @return explicit padding; {@link #VALID} when both are 0
     */
    public static Padding explicit(int height, int width) {
        return height == 0 && width == 0 ? VALID : new Padding(Mode.EXPLICIT, height, width);
    }

    /**
     * Reads {@code valid} or {@code same} (any case).
     *
     * @param name the padding name
     * @return the padding
     * @throws IllegalArgumentException for other names
     */
    public static Padding parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "valid" -> VALID;
            case "same" -> SAME;
            default -> throw new IllegalArgumentException("Padding '" + name + "' is not known; use 'same' or 'valid'");
        };
    }

    /** @return {@code valid}, {@code same} or e.g. {@code pad 2×2} */
    @Override
    public String toString() {
        return switch (mode) {
            case VALID -> "valid";
            case SAME -> "same";
            case EXPLICIT -> "pad " + height + "×" + width;
        };
    }
}
