package org.lenetlab.model;

import java.nio.Buffer;
import java.util.Arrays;
import java.util.Locale;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The computation of a {@link FastSubsampling}: DL4J's pooling layer, with max and average pooling (no padding,
 * no dilation, channels first) done in Java in one pass over the batch, its planes split over {@link ConvThreads}.
 * Max pooling remembers where each maximum was, so backprop is a scatter instead of a second search; average pooling
 * spreads each gradient over its window. Other configurations fall back to DL4J's implementation.
 */
public class FastSubsamplingLayer extends SubsamplingLayer {
    private final transient Precision precision;
    private final transient boolean fastPath;
    private final transient boolean max;
    private transient Object in;
    private transient Object out;
    private transient int[] argmax;
    /** The input whose pooling positions {@link #argmax} holds. */
    private transient INDArray keptInput;
    /** The batch-sized arrays between calls (see {@link ParkedArrays}). */
    private final transient ParkedArrays idle = new ParkedArrays();
    /** Whether the passes' plane ranges pay on the helper threads, by number of planes. */
    private final transient ParallelChoice.BySize forwardChoices = new ParallelChoice.BySize();
    private final transient ParallelChoice.BySize backwardChoices = new ParallelChoice.BySize();

    /**
     * @param conf     the layer's configuration (its layer is a {@link FastSubsampling})
     * @param dataType the network's floating-point type
     */
    public FastSubsamplingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        PoolingType type = c.getPoolingType();
        int[] pad = c.getPadding();
        int[] dilation = c.getDilation();
        this.fastPath = (dataType == DataType.FLOAT || dataType == DataType.DOUBLE)
                && (type == PoolingType.MAX || type == PoolingType.AVG)
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && c.getConvolutionMode() != ConvolutionMode.Same && c.getConvolutionMode() != ConvolutionMode.Causal
                && (pad == null || (pad[0] == 0 && pad[1] == 0))
                && (dilation == null || (dilation[0] == 1 && dilation[1] == 1));
        this.precision = fastPath ? Precision.of(dataType) : null;
        this.max = type == PoolingType.MAX;
    }

    /** @return whether this layer computes on the fast path (false: DL4J's own implementation) */
    public boolean isFastPath() {
        return fastPath;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPath) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        int[] s = shape(input);
        int planes = s[0] * s[1];
        int inLength = planes * s[2] * s[3];
        int outLength = planes * s[4] * s[5];
        INDArray x = precision.viewableCopy(input);
        unpark();
        in = reuse(in, inLength);
        out = reuse(out, outLength);
        if (max && (argmax == null || argmax.length < outLength)) {
            argmax = new int[outLength];
        }
        int[] k = layerConf().getKernelSize();
        int[] stride = layerConf().getStride();
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {s[0], s[1], s[4], s[5]}, 'c');
        Buffer from = precision.view(x);
        Buffer to = precision.view(output);
        int inPlane = s[2] * s[3];
        int outPlane = s[4] * s[5];
        inParts(planes, forwardChoices.of(planes), (first, end) -> {
            precision.get(from, first * inPlane, in, first * inPlane, (end - first) * inPlane);
            precision.pool(max, in, out, argmax, first, end, s[2], s[3], k[0], k[1], stride[0], stride[1], s[4],
                    s[5]);
            precision.put(to, first * outPlane, out, first * outPlane, (end - first) * outPlane);
        });
        keptInput = training ? input : null;
        if (!training) {
            park();
        }
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPath) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        if (max && keptInput != input) {
            activate(true, workspaceMgr); // the maxima's positions belong to another input: find them again
        }
        int[] s = shape(input);
        int planes = s[0] * s[1];
        int inLength = planes * s[2] * s[3];
        int outLength = planes * s[4] * s[5];
        if (epsilon.rank() != 4 || epsilon.size(0) != s[0] || epsilon.size(1) != s[1] || epsilon.size(2) != s[4]
                || epsilon.size(3) != s[5]) {
            throw new DL4JInvalidInputException(String.format(Locale.ROOT,
                    "Layer '%s' (pooling): the gradient %s does not have the output shape [%d, %d, %d, %d] %s",
                    layerConf().getLayerName(), Arrays.toString(epsilon.shape()), s[0], s[1], s[4], s[5], layerId()));
        }
        INDArray eps = precision.viewableCopy(epsilon);
        unpark();
        out = reuse(out, outLength);
        in = reuse(in, inLength);
        int[] k = layerConf().getKernelSize();
        int[] stride = layerConf().getStride();
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        Buffer from = precision.view(eps);
        Buffer to = precision.view(epsNext);
        int inPlane = s[2] * s[3];
        int outPlane = s[4] * s[5];
        inParts(planes, backwardChoices.of(planes), (first, end) -> {
            precision.get(from, first * outPlane, out, first * outPlane, (end - first) * outPlane);
            precision.unpool(max, out, in, argmax, first, end, s[2], s[3], k[0], k[1], stride[0], stride[1], s[4],
                    s[5]);
            precision.put(to, first * inPlane, in, first * inPlane, (end - first) * inPlane);
        });
        keptInput = null;
        park();
        return new Pair<>(new DefaultGradient(), epsNext);
    }

    @Override
    public void clear() {
        super.clear();
        keptInput = null;
    }

    /** Work on the planes {@code [first, end)} of a batch. */
    private interface PlaneRange {
        void run(int first, int end);
    }

    /** Splits {@code planes} planes into one range per {@linkplain ConvThreads thread} and runs them. */
    private static void inParts(int planes, ParallelChoice choice, PlaneRange work) {
        int parts = Math.min(ConvThreads.available(), planes);
        ConvThreads.run(parts, choice, part -> work.run(planes * part / parts, planes * (part + 1) / parts));
    }

    /** @return batch, channels, height, width, output height, output width */
    private int[] shape(INDArray x) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        if (x.rank() != 4) {
            throw new DL4JInvalidInputException(String.format(Locale.ROOT,
                    "Layer '%s' (pooling) expects input [batch, channels, height, width], got %s %s",
                    c.getLayerName(), Arrays.toString(x.shape()), layerId()));
        }
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int[] k = c.getKernelSize();
        int[] stride = c.getStride();
        if (h < k[0] || w < k[1]) {
            throw new DL4JInvalidInputException(String.format(Locale.ROOT,
                    "Layer '%s' (pooling, %d×%d windows): its input %d×%d is smaller than a window %s",
                    c.getLayerName(), k[0], k[1], h, w, layerId()));
        }
        if (c.getConvolutionMode() == ConvolutionMode.Strict
                && ((h - k[0]) % stride[0] != 0 || (w - k[1]) % stride[1] != 0)) {
            throw new DL4JInvalidInputException(String.format(Locale.ROOT,
                    "Layer '%s' (pooling, strict mode): %d×%d windows every %d×%d do not tile the %d×%d input %s",
                    c.getLayerName(), k[0], k[1], stride[0], stride[1], h, w, layerId()));
        }
        return new int[] {(int) x.size(0), (int) x.size(1), h, w, (h - k[0]) / stride[0] + 1,
                (w - k[1]) / stride[1] + 1};
    }

    /** Parks the batch-sized arrays until the next call; the pooling positions too, once no backprop needs them. */
    private void park() {
        idle.park(in, out, argmax);
        in = null;
        out = null;
        argmax = null;
    }

    private void unpark() {
        Object[] a = idle.take();
        if (a != null) {
            in = a[0];
            out = a[1];
            argmax = (int[]) a[2];
        }
    }

    /** @return whether batch-sized arrays are held strongly between calls (never after a finished call) */
    boolean holdsBatchArrays() {
        return in != null || out != null || argmax != null;
    }

    private Object reuse(Object array, int length) {
        return array != null && precision.length(array) >= length ? array : precision.newArray(length);
    }
}
