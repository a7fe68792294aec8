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
        Frame f = new Frame(input.shape(), layerConf().getPadding());
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, dataType,
                new long[] {input.size(0), input.size(1), f.outH, f.outW}, 'c'); // zeroed: the border
        f.copyRows(precision.view(precision.viewableCopy(input)), precision.view(out), true);
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
        Frame f = new Frame(input.shape(), layerConf().getPadding());
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        f.copyRows(precision.view(precision.viewableCopy(epsilon)), precision.view(epsNext), false);
        return new Pair<>(new DefaultGradient(), epsNext);
    }

    /** A padding's planes: {@code h × w} inside {@code outH × outW}, {@code top} rows and {@code left} columns in. */
    private final class Frame {
        final int planes;
        final int h;
        final int w;
        final int outH;
        final int outW;
        final int top;
        final int left;

        Frame(long[] inputShape, int[] pad) {
            planes = (int) (inputShape[0] * inputShape[1]);
            h = (int) inputShape[2];
            w = (int) inputShape[3];
            top = pad[0];
            left = pad[2];
            outH = h + pad[0] + pad[1];
            outW = w + pad[2] + pad[3];
        }

        /** Copies each input row into the padded planes ({@code pad}), or back out of them. */
        void copyRows(Buffer from, Buffer to, boolean pad) {
            for (int plane = 0; plane < planes; plane++) {
                for (int y = 0; y < h; y++) {
                    int inner = (plane * h + y) * w;
                    int padded = (plane * outH + y + top) * outW + left;
                    if (pad) {
                        precision.copy(from, inner, to, padded, w);
                    } else {
                        precision.copy(from, padded, to, inner, w);
                    }
                }
            }
        }
    }
}
