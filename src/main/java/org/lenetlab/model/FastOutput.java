package org.lenetlab.model;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's output layer with a faster CPU implementation ({@link FastOutputLayer}) of the usual classifier head,
 * softmax with cross-entropy: a subclass of {@link OutputLayer} with the same configuration, parameters, JSON form
 * and results, so everything that understands a DL4J output layer (evaluation, class weights, saving) understands
 * this one. Other activations and losses compute exactly as DL4J's own layer does.
 *
 * <p>Use it like DL4J's:
 * <pre>{@code
 * new FastOutput.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build()
 * }</pre>
 */
public class FastOutput extends OutputLayer {
    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation. */
    protected FastOutput() {
    }

    /** @param builder the settings */
    protected FastOutput(Builder builder) {
        super(builder);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FastOutput", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new FastOutputLayer(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public FastOutput clone() {
        return (FastOutput) super.clone();
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FastOutput;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastOutput && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + FastOutput.class.hashCode();
    }

    /** Builds a {@link FastOutput}; the same options as DL4J's {@link OutputLayer.Builder} (softmax by default). */
    public static class Builder extends OutputLayer.Builder {
        /** @param loss the loss function */
        public Builder(LossFunctions.LossFunction loss) {
            super(loss);
        }

        /** @param loss the loss function */
        public Builder(ILossFunction loss) {
            super(loss);
        }

        @Override
        @SuppressWarnings("unchecked")
        public FastOutput build() {
            return new FastOutput(this);
        }
    }
}
