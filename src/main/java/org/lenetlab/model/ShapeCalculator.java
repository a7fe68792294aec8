package org.lenetlab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Works out, with pencil-and-paper arithmetic and no DL4J, the shape each layer of a convolutional network
 * produces and how many parameters it has.
 *
 * <p>The one formula behind convolutions and pooling, for each of height and width:
 * <pre>
 *     out = floor((in + 2p - k) / s) + 1        (input in, kernel k, stride s, padding p on each side)
 * </pre>
 * "Valid" padding is {@code p = 0}; "same" padding pads so that {@code out = ceil(in / s)}. Example, LeNet-5:
 * <pre>{@code
 * ShapeCalculator lenet = ShapeCalculator.forImage(1, 32, 32)
 *         .conv("C1", 6, 5)          // (6, 28, 28): 32 - 5 + 1 = 28; 5·5·1·6 + 6 = 156 parameters
 *         .avgPool("S2", 2, 2)       // (6, 14, 14)
 *         .conv("C3", 16, 5)         // (16, 10, 10); 2,416 parameters
 *         .avgPool("S4", 2, 2)       // (16, 5, 5)
 *         .conv("C5", 120, 5)        // (120, 1, 1); 48,120 parameters
 *         .dense("F6", 84)           // (84); 10,164 parameters
 *         .output("output", 10);     // (10); 850 parameters
 * System.out.println(lenet);         // a Keras-style summary: 61,706 parameters
 * }</pre>
 * A layer whose output would have no rows or columns is refused at once, with a message that names it.
 * {@link Dl4jLayerSpecs} reads a DL4J configuration into calculator layers, so the calculator can be checked
 * against DL4J (the tests do, for every architecture here).
 */
public final class ShapeCalculator {
    private final TensorShape input;
    private final List<LayerShape> layers = new ArrayList<>();
    private TensorShape current;

    private ShapeCalculator(TensorShape input) {
        this.input = Objects.requireNonNull(input, "input");
        this.current = input;
    }

    /**
     * @param input the shape of one input example
     * @return an empty calculator
     */
    public static ShapeCalculator forInput(TensorShape input) {
        return new ShapeCalculator(input);
    }

    /**
     * @param channels colour channels of the input image
     * @param height   image rows
     * @param width    image columns
     * @return an empty calculator for images of that size
     */
    public static ShapeCalculator forImage(int channels, int height, int width) {
        return new ShapeCalculator(TensorShape.image(channels, height, width));
    }

    /**
     * @param input  the shape of one input example
     * @param layers the layers in order
     * @return a calculator holding all of them
     * @throws IllegalArgumentException at the first layer that cannot take its input
     */
    public static ShapeCalculator of(TensorShape input, List<? extends LayerSpec> layers) {
        ShapeCalculator calc = new ShapeCalculator(input);
        layers.forEach(calc::add);
        return calc;
    }

    /**
     * The convolution/pooling output formula {@code floor((in + 2p - k) / s) + 1}.
     *
     * @param in      input size (rows or columns)
     * @param kernel  window size
     * @param stride  step
     * @param padding zeros added on each side
     * @return the output size; 0 or less means the window does not fit
     * @throws IllegalArgumentException if kernel or stride is below 1 or padding below 0
     */
    public static int outputSize(int in, int kernel, int stride, int padding) {
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "kernel and stride must be at least 1 and padding at least 0, got kernel %d, stride %d, padding %d",
                    kernel, stride, padding));
        }
        return Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
    }

    /**
     * The output size with "same" padding, {@code ceil(in / s)}.
     *
     * @param in     input size
     * @param stride step, at least 1
     * @return the output size
     */
    public static int sameOutputSize(int in, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1, got " + stride);
        }
        return Math.floorDiv(in + stride - 1, stride);
    }

    /**
     * The output size of a window layer along one dimension, refusing sizes below 1 with a clear message.
     */
    static int windowOutput(LayerSpec layer, String dimension, int in, int kernel, int stride, Padding padding,
                            int pad) {
        int out = padding.mode() == Padding.Mode.SAME ? sameOutputSize(in, stride)
                : outputSize(in, kernel, stride, pad);
        if (out < 1) {
            String padded = pad > 0 ? String.format(Locale.ROOT, " (%d after padding)", in + 2 * pad) : "";
            String smaller = kernel > 1 ? ", a smaller window" : "";
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Layer '%s' (%s %s): its %d-wide window does not fit the input %s %d%s, so the output %s would "
                            + "be %d. Use a larger input image, 'same' padding%s, or fewer pooling/convolution "
                            + "layers before this one.",
                    layer.name(), layer.kind(), layer.describe(), kernel, dimension, in, padded, dimension, out,
                    smaller));
        }
        return out;
    }

    /**
     * Appends a layer.
     *
     * @param layer the next layer
     * @return this calculator
     * @throws IllegalArgumentException if the layer cannot take the current shape
     */
    public ShapeCalculator add(LayerSpec layer) {
        TensorShape out = layer.outputShape(current);
        layers.add(new LayerShape(layer, current, out, layer.params(current), layer.trainableParams(current)));
        current = out;
        return this;
    }

    /**
     * @param name    layer name
     * @param filters output maps
     * @param kernel  square kernel size (stride 1, no padding)
     * @return this calculator
     */
    public ShapeCalculator conv(String name, int filters, int kernel) {
        return add(LayerSpec.Conv.of(name, filters, kernel, 1, Padding.VALID));
    }

    /**
     * @param name    layer name
     * @param filters output maps
     * @param kernel  square kernel size
     * @param stride  step
     * @param padding border rule
     * @return this calculator
     */
    public ShapeCalculator conv(String name, int filters, int kernel, int stride, Padding padding) {
        return add(LayerSpec.Conv.of(name, filters, kernel, stride, padding));
    }

    /**
     * @param name   layer name
     * @param table  which input maps each output map reads
     * @param kernel square kernel size (stride 1, no padding)
     * @return this calculator
     */
    public ShapeCalculator partialConv(String name, ConnectionTable table, int kernel) {
        return add(new LayerSpec.PartialConv(name, table, kernel, kernel));
    }

    /**
     * @param name   layer name
     * @param size   square window
     * @param stride step
     * @return this calculator
     */
    public ShapeCalculator maxPool(String name, int size, int stride) {
        return add(LayerSpec.Pool.of(name, LayerSpec.PoolType.MAX, size, stride));
    }

    /**
     * @param name   layer name
     * @param size   square window
     * @param stride step
     * @return this calculator
     */
    public ShapeCalculator avgPool(String name, int size, int stride) {
        return add(LayerSpec.Pool.of(name, LayerSpec.PoolType.AVG, size, stride));
    }

    /**
     * @param name  layer name
     * @param units outputs
     * @return this calculator
     */
    public ShapeCalculator dense(String name, int units) {
        return add(new LayerSpec.Dense(name, units, true));
    }

    /**
     * @param name    layer name
     * @param classes number of classes
     * @return this calculator
     */
    public ShapeCalculator output(String name, int classes) {
        return add(new LayerSpec.Output(name, classes));
    }

    /**
     * @param name layer name
     * @return this calculator
     */
    public ShapeCalculator batchNorm(String name) {
        return add(new LayerSpec.BatchNorm(name));
    }

    /**
     * @param name layer name
     * @return this calculator
     */
    public ShapeCalculator flatten(String name) {
        return add(new LayerSpec.Flatten(name));
    }

    /**
     * @param name layer name
     * @param pad  zero rows/columns on every side
     * @return this calculator
     */
    public ShapeCalculator zeroPad(String name, int pad) {
        return add(LayerSpec.ZeroPad.of(name, pad));
    }

    /**
     * @param name layer name
     * @param rate probability of dropping a value
     * @return this calculator
     */
    public ShapeCalculator dropout(String name, double rate) {
        return add(new LayerSpec.Dropout(name, rate));
    }

    /** @return the shape of one input example */
    public TensorShape input() {
        return input;
    }

    /** @return the shape after the last layer (the input if there are no layers) */
    public TensorShape output() {
        return current;
    }

    /** @return one row per layer, in order */
    public List<LayerShape> layers() {
        return List.copyOf(layers);
    }

    /** @return all parameters */
    public long totalParams() {
        return layers.stream().mapToLong(LayerShape::params).sum();
    }

    /** @return parameters changed by training */
    public long trainableParams() {
        return layers.stream().mapToLong(LayerShape::trainableParams).sum();
    }

    /** @return parameters tracked but not trained (batch norm running statistics) */
    public long nonTrainableParams() {
        return totalParams() - trainableParams();
    }

    /** @return the Keras-style summary of these layers */
    public ModelSummary summary() {
        return ModelSummary.of(this);
    }

    /** @return the summary as aligned text */
    @Override
    public String toString() {
        return summary().toText();
    }
}
