package org.lenetlab.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One layer as the {@link ShapeCalculator} sees it: its hyperparameters, nothing else. Each kind knows the
 * shape it produces from a given input shape and how many parameters it has.
 *
 * <p>Parameter counts follow DL4J (and Keras): a convolution has {@code k_h·k_w·C_in·filters} weights plus one
 * bias per filter, a dense layer {@code inputs·units} weights plus one bias per unit, a batch norm 4 values per
 * channel of which 2 (scale γ and shift β) are trained and 2 (running mean and variance) are only tracked.
 */
public sealed interface LayerSpec {

    /** @return the layer's name, e.g. {@code C1} */
    String name();

    /** @return the kind of layer, e.g. {@code Conv2D}, {@code MaxPool2D}, {@code Dense} */
    String kind();

    /** @return the hyperparameters in words, e.g. {@code 6 filters 5×5, stride 1, valid} */
    String describe();

    /**
     * @param input the shape of one example entering the layer
     * @return the shape of one example leaving it
     * @throws IllegalArgumentException if this layer cannot take that input, for example a window larger than the
     *                                  (padded) image; the message names the layer and what to change
     */
    TensorShape outputShape(TensorShape input);

    /**
     * @param input the shape entering the layer
     * @return all parameters (trainable and not)
     */
    long params(TensorShape input);

    /**
     * @param input the shape entering the layer
     * @return the parameters that gradient descent changes
     */
    default long trainableParams(TensorShape input) {
        return params(input);
    }

    /**
     * A convolution: {@code filters} kernels of {@code kernelHeight×kernelWidth} over all input channels.
     *
     * @param name         layer name
     * @param filters      output feature maps
     * @param kernelHeight kernel rows
     * @param kernelWidth  kernel columns
     * @param strideHeight vertical step
     * @param strideWidth  horizontal step
     * @param padding      border rule
     * @param bias         whether each filter has a bias
     */
    record Conv(String name, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                Padding padding, boolean bias) implements LayerSpec {
        /**
         * Checks the values.
         *
         * @param name see {@link #name()}
         * @param filters see {@link #filters()}
         * @param kernelHeight see {@link #kernelHeight()}
         * @param kernelWidth see {@link #kernelWidth()}
         * @param strideHeight see {@link #strideHeight()}
         * @param strideWidth see {@link #strideWidth()}
         * @param padding see {@link #padding()}
         * @param bias see {@link #bias()}
         */
        public Conv {
            Objects.requireNonNull(padding, "padding");
            positive(name, "filters", filters);
            positive(name, "kernel height", kernelHeight);
            positive(name, "kernel width", kernelWidth);
            positive(name, "stride height", strideHeight);
            positive(name, "stride width", strideWidth);
        }

        /**
         * @param name    layer name
         * @param filters output feature maps
         * @param kernel  square kernel size
         * @param stride  step in both directions
         * @param padding border rule
         * @return a convolution with biases
         */
        public static Conv of(String name, int filters, int kernel, int stride, Padding padding) {
            return new Conv(name, filters, kernel, kernel, stride, stride, padding, true);
        }

        @Override
        public String kind() {
            return "Conv2D";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%d filters %d×%d, stride %s, %s", filters, kernelHeight, kernelWidth,
                    stride(strideHeight, strideWidth), padding);
        }

        @Override
        public TensorShape outputShape(TensorShape input) {
            requireImage(this, input);
            return TensorShape.image(filters,
                    ShapeCalculator.windowOutput(this, "height", input.height(), kernelHeight, strideHeight, padding,
                            padding.height()),
                    ShapeCalculator.windowOutput(this, "width", input.width(), kernelWidth, strideWidth, padding,
                            padding.width()));
        }

        @Override
        public long params(TensorShape input) {
            requireImage(this, input);
            return (long) kernelHeight * kernelWidth * input.channels() * filters + (bias ? filters : 0);
        }
    }

    /**
     * A convolution in which each output map reads only some input maps, as in LeNet-5's C3; stride 1, no padding.
     *
     * @param name         layer name
     * @param table        which input maps each output map reads
     * @param kernelHeight kernel rows
     * @param kernelWidth  kernel columns
     */
    record PartialConv(String name, ConnectionTable table, int kernelHeight, int kernelWidth) implements LayerSpec {
        /**
         * Checks the values.
         *
         * @param name see {@link #name()}
         * @param table see {@link #table()}
         * @param kernelHeight see {@link #kernelHeight()}
         * @param kernelWidth see {@link #kernelWidth()}
         */
        public PartialConv {
            Objects.requireNonNull(table, "table");
            positive(name, "kernel height", kernelHeight);
            positive(name, "kernel width", kernelWidth);
        }

        @Override
        public String kind() {
            return "PartialConv2D";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%d maps %d×%d from %d of %d possible input connections",
                    table.outputs(), kernelHeight, kernelWidth, table.connections(), table.inputs() * table.outputs());
        }

        @Override
        public TensorShape outputShape(TensorShape input) {
            requireImage(this, input);
            if (input.channels() != table.inputs()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Layer '%s' (%s): its connection table reads %d input maps but the input %s has %d; "
                                + "give the layer before it %d output maps", name, kind(), table.inputs(), input,
                        input.channels(), table.inputs()));
            }
            return TensorShape.image(table.outputs(),
                    ShapeCalculator.windowOutput(this, "height", input.height(), kernelHeight, 1, Padding.VALID, 0),
                    ShapeCalculator.windowOutput(this, "width", input.width(), kernelWidth, 1, Padding.VALID, 0));
        }

        @Override
        public long params(TensorShape input) {
            return (long) table.connections() * kernelHeight * kernelWidth + table.outputs();
        }
    }

    /** Pooling kinds. */
    enum PoolType {
        /** Largest value in the window. */
        MAX,
        /** Mean of the window (LeNet-5's "subsampling", without its trainable scale and bias). */
        AVG
    }

    /**
     * Max or average pooling over each feature map; no parameters.
     *
     * @param name         layer name
     * @param type         max or average
     * @param kernelHeight window rows
     * @param kernelWidth  window columns
     * @param strideHeight vertical step
     * @param strideWidth  horizontal step
     * @param padding      border rule
     */
    record Pool(String name, PoolType type, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                Padding padding) implements LayerSpec {
        /**
         * Checks the values.
         *
         * @param name see {@link #name()}
         * @param type see {@link #type()}
         * @param kernelHeight see {@link #kernelHeight()}
         * @param kernelWidth see {@link #kernelWidth()}
         * @param strideHeight see {@link #strideHeight()}
         * @param strideWidth see {@link #strideWidth()}
         * @param padding see {@link #padding()}
         */
        public Pool {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(padding, "padding");
            positive(name, "pool height", kernelHeight);
            positive(name, "pool width", kernelWidth);
            positive(name, "stride height", strideHeight);
            positive(name, "stride width", strideWidth);
        }

        /**
         * @param name   layer name
         * @param type   max or average
         * @param kernel square window size
         * @param stride step in both directions
         * @return an unpadded pooling layer
         */
        public static Pool of(String name, PoolType type, int kernel, int stride) {
            return new Pool(name, type, kernel, kernel, stride, stride, Padding.VALID);
        }

        @Override
        public String kind() {
            return type == PoolType.MAX ? "MaxPool2D" : "AvgPool2D";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%d×%d, stride %s, %s", kernelHeight, kernelWidth,
                    stride(strideHeight, strideWidth), padding);
        }

        @Override
        public TensorShape outputShape(TensorShape input) {
            requireImage(this, input);
            return TensorShape.image(input.channels(),
                    ShapeCalculator.windowOutput(this, "height", input.height(), kernelHeight, strideHeight, padding,
                            padding.height()),
                    ShapeCalculator.windowOutput(this, "width", input.width(), kernelWidth, strideWidth, padding,
                            padding.width()));
        }

        @Override
        public long params(TensorShape input) {
            return 0;
        }
    }

    /**
     * A fully connected layer; an image input is flattened first (as DL4J does on its own).
     *
     * @param name  layer name
     * @param units output values
     * @param bias  whether each unit has a bias
     */
    record Dense(String name, int units, boolean bias) implements LayerSpec {
        /**
         * Checks the values.
         *
         * @param name see {@link #name()}
         * @param units see {@link #units()}
         * @param bias see {@link #bias()}
         */
        public Dense {
            positive(name, "units", units);
        }

        @Override
        public String kind() {
            return "Dense";
        }

        @Override
        public String describe() {
            return units + " units";
        }

        @Override
        public TensorShape outputShape(TensorShape input) {
            return TensorShape.vector(units);
        }

        @Override
        public long params(TensorShape input) {
            return input.size() * units + (bias ? units : 0);
        }
    }

    /**
     * The classifier: a dense layer with one unit per class (softmax and cross-entropy loss in the networks here).
     *
     * @param name    layer name
     * @param classes number of classes
     */
    record Output(String name, int classes) implements LayerSpec {
        /**
         * Checks the values.
         *
         * @param name see {@link #name()}
         * @param classes see {@link #classes()}
         */
        public Output {
            positive(name, "classes", classes);
        }

        @Override
        public String kind() {
            return "Output";
        }

        @Override
        public String describe() {
            return classes + " classes";
        }

        @Override
        public TensorShape outputShape(TensorShape input) {
            return TensorShape.vector(classes);
        }

        @Override
        public long params(TensorShape input) {
            return input.size() * classes + classes;
        }
    }

    /**
     * Batch normalisation: per channel (or per feature of a vector) a trained scale γ and shift β, and a tracked
     * running mean and variance that are not trained.
     *
     * @param name layer name
     */
    record BatchNorm(String name) implements LayerSpec {
        @Override
        public String kind() {
            return "BatchNorm";
        }

        @Override
        public String describe() {
            return "γ, β trained; mean, variance tracked";
        }

        @Override
        public TensorShape outputShape(TensorShape input) {
            return input;
        }

        @Override
        public long params(TensorShape input) {
            return 4L * input.channels();
        }

        @Override
        public long trainableParams(TensorShape input) {
            return 2L * input.channels();
        }
    }

    /**
     * Turns an image stack into a vector of {@code C·H·W} values, channel by channel.
     *
     * @param name layer name
     */
    record Flatten(String name) implements LayerSpec {
        @Override
        public String kind() {
            return "Flatten";
        }

        @Override
        public String describe() {
            return "to a vector";
        }

        @Override
        public TensorShape outputShape(TensorShape input) {
            if (input.size() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Layer '" + name + "' (Flatten): " + input + " has too many values");
            }
            return TensorShape.vector((int) input.size());
        }

        @Override
        public long params(TensorShape input) {
            return 0;
        }
    }

    /**
     * Adds rows and columns of zeros around each feature map.
     *
     * @param name   layer name
     * @param top    rows above
     * @param bottom rows below
     * @param left   columns on the left
     * @param right  columns on the right
     */
    record ZeroPad(String name, int top, int bottom, int left, int right) implements LayerSpec {
        /**
         * Checks the values.
         *
         * @param name see {@link #name()}
         * @param top see {@link #top()}
         * @param bottom see {@link #bottom()}
         * @param left see {@link #left()}
         * @param right see {@link #right()}
         */
        public ZeroPad {
            if (top < 0 || bottom < 0 || left < 0 || right < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Layer '%s' (ZeroPadding2D): padding must not be negative, got top %d, bottom %d, left %d, "
                                + "right %d", name, top, bottom, left, right));
            }
        }

        /**
         * @param name layer name
         * @param pad  rows and columns on every side
         * @return the same padding on all four sides
         */
        public static ZeroPad of(String name, int pad) {
            return new ZeroPad(name, pad, pad, pad, pad);
        }

        @Override
        public String kind() {
            return "ZeroPadding2D";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "top %d, bottom %d, left %d, right %d", top, bottom, left, right);
        }

        @Override
        public TensorShape outputShape(TensorShape input) {
            requireImage(this, input);
            return TensorShape.image(input.channels(), input.height() + top + bottom, input.width() + left + right);
        }

        @Override
        public long params(TensorShape input) {
            return 0;
        }
    }

    /**
     * During training, zeroes each value with probability {@code rate} (and scales the rest by
     * {@code 1/(1-rate)}); does nothing at test time. No parameters.
     *
     * @param name layer name
     * @param rate probability of dropping a value, {@code 0 <= rate < 1} (Keras' convention; DL4J's constructor
     *             takes the probability of keeping it, {@code 1 - rate})
     */
    record Dropout(String name, double rate) implements LayerSpec {
        /**
         * Checks the values.
         *
         * @param name see {@link #name()}
         * @param rate see {@link #rate()}
         */
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Layer '%s' (Dropout): the drop rate must be at least 0 and below 1, got %s", name, rate));
            }
        }

        @Override
        public String kind() {
            return "Dropout";
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "drop %.2f", rate);
        }

        @Override
        public TensorShape outputShape(TensorShape input) {
            return input;
        }

        @Override
        public long params(TensorShape input) {
            return 0;
        }
    }

    private static void positive(String layer, String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Layer '%s': %s must be at least 1, got %d", layer, what, value));
        }
    }

    private static void requireImage(LayerSpec layer, TensorShape input) {
        if (!input.isImage()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Layer '%s' (%s) needs an image stack (channels, height, width) as input, but gets the flat "
                            + "vector %s; put it before the first Dense layer", layer.name(), layer.kind(), input));
        }
    }

    private static String stride(int h, int w) {
        return h == w ? Integer.toString(h) : h + "×" + w;
    }
}
