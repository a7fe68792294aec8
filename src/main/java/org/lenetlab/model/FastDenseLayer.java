package org.lenetlab.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The computation of a {@link FastDense}: DL4J's dense layer with its passes computed by {@link GemmDense} (one
 * direct matrix product per pass, bias and activation fused, backprop from the kept activations instead of a
 * recomputed forward pass).
 *
 * <p>Activations the fast layers do not fuse ({@link FusedActivation}), layer normalisation, masks and half
 * precision compute exactly as DL4J's own implementation does.
 */
public class FastDenseLayer extends DenseLayer {
    private final transient GemmDense engine;
    private final transient FusedActivation fused;

    /**
     * @param conf     the layer's configuration (its layer is a {@link FastDense})
     * @param dataType the network's floating-point type
     */
    public FastDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        DirectSgemm.preloadInBackground();
        this.fused = FusedActivation.of(layerConf().getActivationFn());
        boolean supported = (dataType == DataType.FLOAT || dataType == DataType.DOUBLE) && fused != null
                && !layerConf().hasLayerNorm();
        this.engine = supported ? new GemmDense(Precision.of(dataType), layerConf().getLayerName()) : null;
    }

    /** @return whether this layer computes on the fast path (false: DL4J's own implementation) */
    public boolean isFastPath() {
        return engine != null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (engine == null || maskArray != null) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        return forward(training, workspaceMgr);
    }

    private INDArray forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {input.size(0), w.size(1)}, 'c');
        engine.forward(input.castTo(dataType), w, bias(training, workspaceMgr), fused, training, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (engine == null || maskArray != null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray in = input.castTo(dataType);
        if (!engine.keeps(in)) {
            forward(true, workspaceMgr); // backprop without a training forward pass of this input: redo it
            in = input.castTo(dataType);
        }
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, in.shape(), 'c');
        engine.backward(in, w, epsilon, weightGrad, biasGrad, epsNext);

        Gradient gradient = new DefaultGradient();
        if (biasGrad != null) {
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(epsNext));
    }

    @Override
    public void clear() {
        super.clear();
        if (engine != null) {
            engine.release();
        }
    }

    private INDArray bias(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return hasBias() ? getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
    }
}
