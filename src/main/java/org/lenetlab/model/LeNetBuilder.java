package org.lenetlab.model;

import java.util.Locale;
import java.util.Objects;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The options every architecture shares, as a small fluent API: random seed, input size, number of classes,
 * updater (optimiser), L2 weight decay and floating-point type. Each architecture adds its own options and writes
 * its DL4J configuration in {@link #configuration()}.
 *
 * <pre>{@code
 * BuiltModel model = LeNet5.builder().input(28, 28, 1).numClasses(10).seed(7).build();
 * System.out.println(model.summary());
 * }</pre>
 *
 * @param <B> the concrete builder, so that chained calls keep its own options in view
 */
public abstract class LeNetBuilder<B extends LeNetBuilder<B>> {
    private long seed = 42;
    private InputShape input = InputShape.MNIST;
    private int numClasses = 10;
    private IUpdater updater;
    private double l2;
    private DataType dataType = DataType.FLOAT;

    /** For subclasses. */
    protected LeNetBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * @param seed seed for weight initialisation and dropout; the same seed gives the same initial network
     * @return this builder
     */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * @param shape the image size the network takes
     * @return this builder
     */
    public B input(InputShape shape) {
        this.input = Objects.requireNonNull(shape, "input shape");
        return self();
    }

    /**
     * @param height   image rows
     * @param width    image columns
     * @param channels 1 for grayscale, 3 for RGB
     * @return this builder
     */
    public B input(int height, int width, int channels) {
        return input(new InputShape(height, width, channels));
    }

    /**
     * @param classes number of classes, at least 2
     * @return this builder
     */
    public B numClasses(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("A classifier needs at least 2 classes, got " + classes);
        }
        this.numClasses = classes;
        return self();
    }

    /**
     * @param updater the optimiser, e.g. {@code new Adam(1e-3)} or {@code new Sgd(0.01)}; {@code null} restores the
     *                architecture's default ({@link #defaultUpdater()})
     * @return this builder
     */
    public B updater(IUpdater updater) {
        this.updater = updater;
        return self();
    }

    /**
     * @param coefficient L2 penalty on the weights (not the biases), 0 for none
     * @return this builder
     */
    public B l2(double coefficient) {
        if (!(coefficient >= 0) || Double.isInfinite(coefficient)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The L2 coefficient must be a finite number of at least 0 (typically 1e-4), got %s", coefficient));
        }
        this.l2 = coefficient;
        return self();
    }

    /**
     * @param type {@code FLOAT} (default) or {@code DOUBLE} (for gradient checks)
     * @return this builder
     */
    public B dataType(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE && type != DataType.HALF) {
            throw new IllegalArgumentException("Networks use FLOAT, DOUBLE or HALF parameters, not " + type);
        }
        this.dataType = type;
        return self();
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the input size */
    public InputShape input() {
        return input;
    }

    /** @return the number of classes */
    public int numClasses() {
        return numClasses;
    }

    /** @return the updater that will be used: the one set, else the architecture's default */
    public IUpdater updater() {
        return updater != null ? updater : defaultUpdater();
    }

    /** @return the L2 coefficient */
    public double l2() {
        return l2;
    }

    /** @return the floating-point type */
    public DataType dataType() {
        return dataType;
    }

    /** @return the architecture's name as the CLI spells it, e.g. {@code classic} */
    public abstract String architecture();

    /** @return the optimiser used when none is set */
    public abstract IUpdater defaultUpdater();

    /**
     * @return the DL4J configuration for the current options
     * @throws IllegalArgumentException if the options do not make a valid network; the message says what to change
     */
    public abstract MultiLayerConfiguration configuration();

    /**
     * Builds the configuration and an initialised network from it.
     *
     * @return the configuration and network
     * @throws IllegalArgumentException if the options do not make a valid network
     */
    public BuiltModel build() {
        MultiLayerConfiguration conf = configuration();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return new BuiltModel(architecture(), input, numClasses, conf, network);
    }
}
