package org.lenetlab.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer with a faster CPU implementation ({@link FastDenseLayer}): a subclass of {@link DenseLayer}
 * with the same configuration, parameters ({@code W [nIn, nOut]}, {@code b [1, nOut]}), initialisation, JSON form
 * and results, so everything that understands a DL4J dense layer understands this one.
 *
 * <p>The LeNet builders use it for every hidden dense layer. Use it like DL4J's:
 * <pre>{@code
 * new FastDense.Builder().nOut(84).activation(Activation.TANH).build()
 * }</pre>
 */
public class FastDense extends DenseLayer {
    private static final long serialVersionUID = 1L;

    /** For JSON deserialisation. */
    public FastDense() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FastDense", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new FastDenseLayer(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public FastDense clone() {
        return (FastDense) super.clone();
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FastDense;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastDense && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + FastDense.class.hashCode();
    }

    /** Builds a {@link FastDense}; the same options as DL4J's {@link DenseLayer.Builder}. */
    public static class Builder extends DenseLayer.Builder {
        @Override
        @SuppressWarnings("unchecked")
        public FastDense build() {
            // DenseLayer's constructor from a builder is private: build DL4J's layer and take over its settings
            DenseLayer plain = super.build();
            FastDense fast = new FastDense();
            for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        copy(f, plain, fast);
                    }
                }
            }
            return fast;
        }

        private static void copy(Field field, DenseLayer from, FastDense to) {
            try {
                field.setAccessible(true);
                field.set(to, field.get(from));
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot copy the setting '" + field.getName() + "' of DL4J's "
                        + "dense layer: " + e, e);
            }
        }
    }
}
