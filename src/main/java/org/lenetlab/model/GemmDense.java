package org.lenetlab.model;

import java.util.Arrays;
import java.util.Locale;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The passes of a dense layer on DL4J's parameter layout ({@code W [nIn, nOut]} in f order, {@code b [1, nOut]}),
 * computed by {@link GemmConvolution}'s dense case: {@code Z = X·W + b} as one direct matrix product, bias and
 * activation in the pass that copies the product out, and backprop from the kept activations
 * ({@code dW = Xᵀ·δ}, {@code db = Σ δ}, {@code dX = δ·Wᵀ}). DL4J's own dense layers recompute the forward product
 * in backprop and run five to eight ND4J ops per pass.
 *
 * <p>{@code W}'s f-ordered {@code [nIn, nOut]} memory is the c-ordered {@code [nOut, nIn]} kernel matrix of a
 * convolution with {@code nIn} input maps of 1×1, so both read the same values without a copy.
 *
 * <p>Not thread-safe: one instance per layer.
 */
final class GemmDense {
    private final GemmConvolution engine;
    private final String layerName;
    /** The input whose forward state the engine keeps. */
    private INDArray keptInput;
    private ConvGeometry keptGeometry;
    /** DL4J's parameter and gradient views stay the same arrays between steps: their transposes are kept. */
    private final Transposed weightsT = new Transposed();
    private final Transposed weightGradientT = new Transposed();

    /**
     * @param precision the element type the network computes in
     * @param layerName the layer's name, for error messages
     */
    GemmDense(Precision precision, String layerName) {
        this.engine = new GemmConvolution(precision);
        this.layerName = layerName;
    }

    Precision precision() {
        return engine.precision();
    }

    /**
     * Forward pass.
     *
     * @param input   {@code [B, nIn]}
     * @param weights {@code [nIn, nOut]}, f order (DL4J's dense layout)
     * @param bias    {@code nOut} values, or null for none
     * @param f       the activation to apply
     * @param keep    whether {@link #backward} follows for this input
     * @param out     {@code [B, nOut]} c order, written
     */
    void forward(INDArray input, INDArray weights, INDArray bias, FusedActivation f, boolean keep, INDArray out) {
        ConvGeometry g = geometry(input, weights);
        engine.forward(g, input, weightsT.of(weights), bias, f, keep, out);
        keptInput = keep ? input : null;
        keptGeometry = keep ? g : null;
    }

    /** @return whether the state of a forward pass over this very input is kept for backprop */
    boolean keeps(INDArray input) {
        return input != null && input == keptInput && engine.keeps(keptGeometry);
    }

    /** @return the activations (or logits, for an identity activation) the kept forward pass wrote */
    Object keptOutput() {
        return engine.keptOutput();
    }

    /**
     * Backward pass after a kept {@link #forward} of the same input.
     *
     * @param input          the forward pass's input
     * @param weights        {@code [nIn, nOut]}, f order
     * @param epsilon        {@code dL/d(output)}: {@code [B, nOut]}
     * @param weightGradient {@code [nIn, nOut]} f-ordered view to write {@code dL/dW} into
     * @param biasGradient   view to write {@code dL/db} into, or null for none
     * @param inputGradient  {@code [B, nIn]} c-ordered array to write {@code dL/dX} into
     */
    void backward(INDArray input, INDArray weights, INDArray epsilon, INDArray weightGradient,
                  INDArray biasGradient, INDArray inputGradient) {
        engine.backward(keptGeometry, input, weightsT.of(weights), epsilon, weightGradientT.of(weightGradient),
                biasGradient, inputGradient);
        release();
    }

    /** Forgets the kept forward state. */
    void release() {
        keptInput = null;
        engine.release();
    }

    private ConvGeometry geometry(INDArray input, INDArray weights) {
        long inputs = weights.size(0);
        if (input.rank() != 2 || input.size(1) != inputs) {
            throw new DL4JInvalidInputException(String.format(Locale.ROOT,
                    "Layer '%s' (dense, %d inputs) expects input [batch, %d], got %s", layerName, inputs, inputs,
                    Arrays.toString(input.shape())));
        }
        return ConvGeometry.dense((int) input.size(0), (int) inputs, (int) weights.size(1));
    }

    /** The transposed view of the array last asked for (a view is a few objects and a native reference). */
    private static final class Transposed {
        private INDArray array;
        private INDArray transposed;

        INDArray of(INDArray a) {
            if (a != array) {
                array = a;
                transposed = a.transpose();
            }
            return transposed;
        }
    }
}
