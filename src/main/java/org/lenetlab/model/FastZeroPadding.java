package org.lenetlab.model;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's zero-padding layer with a faster implementation ({@link FastZeroPaddingLayer}): a subclass of
 * {@link ZeroPaddingLayer} with the same configuration, JSON form and results. LeNet-5 pads 28×28 digits to the
 * paper's 32×32 with it.
 */
public class FastZeroPadding extends ZeroPaddingLayer {
    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation. */
    protected FastZeroPadding() {
    }

    /**
     * @param name   the layer's name
     * @param top    zero rows above
     * @param bottom zero rows below
     * @param left   zero columns on the left
     * @param right  zero columns on the right
     */
    public FastZeroPadding(String name, int top, int bottom, int left, int right) {
        super(top, bottom, left, right);
        setLayerName(name);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new FastZeroPaddingLayer(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public FastZeroPadding clone() {
        return (FastZeroPadding) super.clone();
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FastZeroPadding;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastZeroPadding && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + FastZeroPadding.class.hashCode();
    }
}
