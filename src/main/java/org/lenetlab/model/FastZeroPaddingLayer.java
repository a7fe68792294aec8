package org.lenetlab.model;

import java.nio.Buffer;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ZeroPaddingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The computation of a {@link FastZeroPadding}: rows copied between native arrays in place of DL4J's indexed put
 * and get (an op, several views and a workspace copy per pass), and, like {@link FastConvolutionLayer}, no input
 * gradient while a trainer says the network's first layer does not need one. Channels-last inputs and half
 * precision compute as DL4J's own layer does.
 */
public class FastZeroPaddingLayer extends ZeroPaddingLayer {
    private final transient Precision precision;
    private transient boolean inputGradientNeeded = true;

    /**
     * @param conf     the layer's configuration (its layer is a {@link FastZeroPadding})
     * @param dataType the network's floating-point type
     */
    public FastZeroPaddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        boolean supported = (dataType == DataType.FLOAT || dataType == DataType.DOUBLE)
                && layerConf().getDataFormat() == CNN2DFormat.NCHW;
        this.precision = supported ? Precision.of(dataType) : null;
    }

    /** @see FastConvolutionLayer#setInputGradientNeeded(boolean) */
    void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    boolean isInputGradientNeeded() {
        return inputGradientNeeded;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (precision == null || input.rank() != 4) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        int[] pad = layerConf().getPadding();
        long[] s = input.shape();
        int h = (int) s[2];
        int w = (int) s[3];
        int outH = h + pad[0] + pad[1];
        int outW = w + pad[2] + pad[3];
        INDArray x = precision.viewableCopy(input);
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType, new long[] {s[0], s[1], outH, outW}, 'c');
        Buffer from = precision.view(x);
        Buffer to = precision.view(out);
        int planes = (int) (s[0] * s[1]);
        for (int plane = 0; plane < planes; plane++) {
            for (int y = 0; y < h; y++) {
                precision.copy(from, (plane * h + y) * w, to, (plane * outH + y + pad[0]) * outW + pad[2], w);
            }
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (precision == null || input.rank() != 4) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        if (!inputGradientNeeded) {
            return new Pair<>(new DefaultGradient(),
                    workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c'));
        }
        int[] pad = layerConf().getPadding();
        long[] s = input.shape();
        int h = (int) s[2];
        int w = (int) s[3];
        int outH = h + pad[0] + pad[1];
        int outW = w + pad[2] + pad[3];
        INDArray eps = precision.viewableCopy(epsilon);
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, s, 'c');
        Buffer from = precision.view(eps);
        Buffer to = precision.view(epsNext);
        int planes = (int) (s[0] * s[1]);
        for (int plane = 0; plane < planes; plane++) {
            for (int y = 0; y < h; y++) {
                precision.copy(from, (plane * outH + y + pad[0]) * outW + pad[2], to, (plane * h + y) * w, w);
            }
        }
        return new Pair<>(new DefaultGradient(), epsNext);
    }
}
