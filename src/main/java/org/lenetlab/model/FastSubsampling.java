package org.lenetlab.model;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's 2-D max/average pooling layer with a faster CPU implementation ({@link FastSubsamplingLayer}): the same
 * configuration, JSON form and results as {@link SubsamplingLayer}, of which it is a subclass, so a saved network
 * loads with {@code ModelSerializer} or {@link ModelIO}.
 *
 * <p>The LeNet builders use it for every pooling layer. Use it like DL4J's:
 * <pre>{@code
 * new FastSubsampling.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build()
 * }</pre>
 * Max and average pooling without padding or dilation on channels-first input take the fast path; other settings
 * compute exactly as DL4J's own layer does.
 */
public class FastSubsampling extends SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation. */
    protected FastSubsampling() {
    }

    /**
     * @param builder the settings
     */
    protected FastSubsampling(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new FastSubsamplingLayer(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public FastSubsampling clone() {
        return (FastSubsampling) super.clone();
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FastSubsampling;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastSubsampling && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + FastSubsampling.class.hashCode();
    }

    /** Builds a {@link FastSubsampling}; the same options as DL4J's {@link SubsamplingLayer.Builder}. */
    public static class Builder extends SubsamplingLayer.Builder {
        /** @param poolingType max or average (other types compute as DL4J's layer does) */
        public Builder(org.deeplearning4j.nn.conf.layers.PoolingType poolingType) {
            super(poolingType);
        }

        /** A builder with DL4J's defaults (max pooling, 1×1 kernel, stride 2). */
        public Builder() {
            super();
        }

        @Override
        @SuppressWarnings("unchecked")
        public FastSubsampling build() {
            SubsamplingLayer template = super.build(); // DL4J's validation of the settings
            if (template == null) {
                throw new IllegalStateException("DL4J refused the pooling settings");
            }
            return new FastSubsampling(this);
        }
    }
}
