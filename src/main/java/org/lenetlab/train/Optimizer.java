package org.lenetlab.train;

import java.util.Locale;
import java.util.Objects;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimisation algorithm and its base learning rate: plain SGD, SGD with (Nesterov) momentum, or Adam.
 * Immutable.
 *
 * <p>The {@link Trainer} puts it on every layer of the network before training ({@link #applyTo(MultiLayerNetwork)}),
 * replacing whatever updater the model builder configured, so that the optimiser is chosen in one place.
 */
public final class Optimizer {

    /** The update rule. */
    public enum Kind {
        /** {@code w ← w − lr·g}. */
        SGD,
        /** SGD with Nesterov momentum (DL4J's {@code Nesterovs}). */
        SGD_MOMENTUM,
        /** Adam (Kingma &amp; Ba), with bias correction. */
        ADAM
    }

    private final Kind kind;
    private final double learningRate;
    private final double momentum;
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    private Optimizer(Kind kind, double learningRate, double momentum, double beta1, double beta2, double epsilon) {
        this.kind = kind;
        this.learningRate = checkRate(learningRate);
        this.momentum = momentum;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    private static double checkRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("the learning rate must be a positive finite number, got " + lr
                    + " (typical values: 0.01–0.1 for SGD, 0.001 for Adam)");
        }
        return lr;
    }

    private static double checkFraction(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * @param learningRate step size
     * @return plain stochastic gradient descent
     */
    public static Optimizer sgd(double learningRate) {
        return new Optimizer(Kind.SGD, learningRate, 0, 0, 0, 0);
    }

    /**
     * @param learningRate step size
     * @param momentum     momentum coefficient in [0, 1), typically 0.9
     * @return SGD with Nesterov momentum
     */
    public static Optimizer sgdMomentum(double learningRate, double momentum) {
        return new Optimizer(Kind.SGD_MOMENTUM, learningRate, checkFraction("momentum", momentum), 0, 0, 0);
    }

    /**
     * @param learningRate step size, typically 0.001
     * @return Adam with DL4J's defaults β1 = 0.9, β2 = 0.999, ε = 1e-8
     */
    public static Optimizer adam(double learningRate) {
        return adam(learningRate, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY,
                Adam.DEFAULT_ADAM_EPSILON);
    }

    /**
     * @param learningRate step size
     * @param beta1        decay of the first-moment estimate, in [0, 1)
     * @param beta2        decay of the second-moment estimate, in [0, 1)
     * @param epsilon      small positive constant for numerical stability
     * @return Adam with these hyper-parameters
     */
    public static Optimizer adam(double learningRate, double beta1, double beta2, double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Adam epsilon must be a small positive number, got " + epsilon);
        }
        return new Optimizer(Kind.ADAM, learningRate, 0, checkFraction("Adam beta1", beta1),
                checkFraction("Adam beta2", beta2), epsilon);
    }

    /** @return the update rule */
    public Kind kind() {
        return kind;
    }

    /** @return the base learning rate (schedules and plateau reductions scale it per epoch) */
    public double learningRate() {
        return learningRate;
    }

    /** @return the momentum coefficient ({@link Kind#SGD_MOMENTUM} only, else 0) */
    public double momentum() {
        return momentum;
    }

    /** @return Adam's β1 ({@link Kind#ADAM} only, else 0) */
    public double beta1() {
        return beta1;
    }

    /** @return Adam's β2 ({@link Kind#ADAM} only, else 0) */
    public double beta2() {
        return beta2;
    }

    /** @return Adam's ε ({@link Kind#ADAM} only, else 0) */
    public double epsilon() {
        return epsilon;
    }

    /**
     * @param lr the new base learning rate
     * @return the same optimiser with another learning rate
     */
    public Optimizer withLearningRate(double lr) {
        return new Optimizer(kind, lr, momentum, beta1, beta2, epsilon);
    }

    /**
     * @param lr the learning rate to use
     * @return a new DL4J updater configuration for this optimiser
     */
    public IUpdater toUpdater(double lr) {
        checkRate(lr);
        return switch (kind) {
            case SGD -> new Sgd(lr);
            case SGD_MOMENTUM -> new Nesterovs(lr, momentum);
            case ADAM -> new Adam(lr, beta1, beta2, epsilon);
        };
    }

    /**
     * Makes every trainable layer of {@code net} use this optimiser (weights and biases alike, dropping any
     * separate bias updater) and discards the network's old updater state, so training starts with fresh
     * momentum/Adam moments.
     *
     * @param net an initialised network
     */
    public void applyTo(MultiLayerNetwork net) {
        Objects.requireNonNull(net, "net");
        for (NeuralNetConfiguration conf : net.getLayerWiseConfigurations().getConfs()) {
            if (conf.getLayer() instanceof BaseLayer layer) {
                layer.setIUpdater(toUpdater(learningRate));
                layer.setBiasUpdater(null);
            }
        }
        // The updater blocks and their state array are sized for the old updaters; DL4J rebuilds them on demand.
        net.setUpdater(null);
    }

    /** @return e.g. {@code adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)}, every parameter exactly */
    @Override
    public String toString() {
        return switch (kind) {
            case SGD -> String.format(Locale.ROOT, "sgd(lr=%s)", learningRate);
            case SGD_MOMENTUM -> String.format(Locale.ROOT, "sgd-nesterov(lr=%s, momentum=%s)", learningRate, momentum);
            case ADAM -> String.format(Locale.ROOT, "adam(lr=%s, beta1=%s, beta2=%s, epsilon=%s)", learningRate, beta1,
                    beta2, epsilon);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Optimizer other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
