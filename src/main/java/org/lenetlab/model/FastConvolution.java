package org.lenetlab.model;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's 2-D convolution layer with a faster CPU implementation ({@link FastConvolutionLayer}): the same
 * configuration, parameters ({@code W [outC, inC, kH, kW]}, {@code b [outC]}), initialisation, JSON form and
 * results as {@link ConvolutionLayer}, of which it is a subclass, so everything that understands a DL4J convolution
 * understands this one, and a saved network loads with {@code ModelSerializer} or {@link ModelIO}.
 *
 * <p>The LeNet builders use it for every convolution. Use it like DL4J's:
 * <pre>{@code
 * new FastConvolution.Builder(5, 5).nOut(6).activation(Activation.TANH).build()
 * }</pre>
 * Stride 1, dilation 1 and channels-first input take the fast path; any other setting computes exactly as
 * DL4J's own layer does.
 */
public class FastConvolution extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation. */
    protected FastConvolution() {
    }

    /**
     * @param builder the settings
     */
    protected FastConvolution(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FastConvolution", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new FastConvolutionLayer(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public FastConvolution clone() {
        return (FastConvolution) super.clone();
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FastConvolution;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastConvolution && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + FastConvolution.class.hashCode();
    }

    /** Builds a {@link FastConvolution}; the same options as DL4J's {@link ConvolutionLayer.Builder}. */
    public static class Builder extends ConvolutionLayer.Builder {
        /**
         * @param kernelSize kernel height and width
         * @param stride     stride along height and width
         * @param padding    zero padding along height and width
         */
        public Builder(int[] kernelSize, int[] stride, int[] padding) {
            super(kernelSize, stride, padding);
        }

        /**
         * @param kernelSize kernel height and width
         * @param stride     stride along height and width
         */
        public Builder(int[] kernelSize, int[] stride) {
            super(kernelSize, stride);
        }

        /** @param kernelSize kernel height and width */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        /** A builder with DL4J's default 5×5 kernel. */
        public Builder() {
            super();
        }

        @Override
        @SuppressWarnings("unchecked")
        public FastConvolution build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new FastConvolution(this);
        }
    }
}
