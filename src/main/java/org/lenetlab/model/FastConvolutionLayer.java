package org.lenetlab.model;

import java.util.Arrays;
import java.util.Locale;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The computation of a {@link FastConvolution}: DL4J's convolution layer, with the forward and backward passes of
 * stride-1, dilation-1, channels-first convolutions replaced by {@link GemmConvolution}.
 *
 * <p>Differences from DL4J's implementation, all invisible in the results:
 * <ul>
 *   <li>the forward pass keeps its im2col matrix and activations, and backprop uses them (DL4J recomputes the
 *       forward pass, doubling the convolution work of a training step);</li>
 *   <li>bias and activation (identity, ReLU, tanh, scaled tanh) are applied in the pass that lays out the output,
 *       and the activation's derivative is taken from the kept activation;</li>
 *   <li>the three products run as single large matrix multiplications instead of oneDNN's convolution primitives,
 *       which are slow for the few channels of LeNet-sized networks (one input map in particular);</li>
 *   <li>{@link #setInputGradientNeeded(boolean)} lets a trainer skip the input gradient of a first layer
 *       ({@link FastLayers#prepareForTraining});</li>
 *   <li>a batch is split over {@code Nd4j.getEnvironment().maxThreads()} threads.</li>
 * </ul>
 * Other configurations (strides, dilation, channels-last, half precision) fall back to DL4J's implementation.
 */
public class FastConvolutionLayer extends ConvolutionLayer {
    private final transient GemmConvolution engine;
    private final transient FusedActivation fused;
    private final transient boolean fastPath;
    /** The input whose forward state the engine keeps. */
    private transient INDArray keptInput;
    private transient ConvGeometry keptGeometry;
    private transient boolean inputGradientNeeded = true;

    /**
     * @param conf     the layer's configuration (its layer is a {@link FastConvolution})
     * @param dataType the network's floating-point type
     */
    public FastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        DirectSgemm.preloadInBackground();
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        this.fastPath = (dataType == DataType.FLOAT || dataType == DataType.DOUBLE)
                && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && c.getStride()[0] == 1 && c.getStride()[1] == 1
                && c.getDilation()[0] == 1 && c.getDilation()[1] == 1
                && c.getConvolutionMode() != ConvolutionMode.Causal;
        this.engine = fastPath ? new GemmConvolution(Precision.of(dataType)) : null;
        this.fused = FusedActivation.of(c.getActivationFn());
    }

    /** @return whether this layer computes on the fast path (false: DL4J's own implementation) */
    public boolean isFastPath() {
        return fastPath;
    }

    /**
     * Tells the layer whether backprop must compute the gradient with respect to its input. A trainer may switch it
     * off for a first layer (one with no trainable layer before it) while it fits the network, and must switch it
     * back on afterwards; with it off, backprop returns an input gradient of zeros.
     *
     * @param needed false to skip the input gradient
     */
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    /** @return whether backprop computes the gradient with respect to the input (default true) */
    public boolean isInputGradientNeeded() {
        return inputGradientNeeded;
    }

    /** @return whether batch-sized arrays are held strongly between calls (see {@link ParkedArrays}) */
    boolean holdsBatchArrays() {
        return engine != null && engine.holdsBatchArrays();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPath) {
            return super.activate(training, workspaceMgr);
        }
        if (input == null) {
            throw new IllegalArgumentException("Cannot perform forward pass with null input " + layerId());
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray out = forward(training, workspaceMgr);
        if (fused == null) {
            out = layerConf().getActivationFn().getActivation(out, training);
        }
        return out;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
                                                 LayerWorkspaceMgr workspaceMgr) {
        if (!fastPath) {
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        assertInputSet(false);
        ConvGeometry g = geometry(input);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, outputShape(g), 'c');
        engine.forward(g, input, param(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr),
                bias(training, workspaceMgr), null, false, out);
        keptInput = null;
        return new Pair<>(out, null);
    }

    /** Runs the engine; keeps its state for backprop when training. */
    private INDArray forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        ConvGeometry g = geometry(input);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, outputShape(g), 'c');
        engine.forward(g, input, param(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr),
                bias(training, workspaceMgr), fused, training, out);
        keptInput = training ? input : null;
        keptGeometry = training ? g : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPath) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        if (keptInput != input || !engine.keeps(keptGeometry)) {
            forward(true, workspaceMgr); // backprop without a training forward pass of this input: redo it
        }
        ConvGeometry g = keptGeometry;
        INDArray weights = param(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray weightGradView = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGradView = hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray eps = epsilon;
        if (fused == null) {
            // an activation the engine does not fuse: DL4J's own derivative, from the kept pre-activations
            INDArray z = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, outputShape(g), 'c');
            engine.precision().put(engine.precision().view(z), 0, engine.keptOutput(), 0,
                    g.batch() * g.outputImageLength());
            IActivation afn = layerConf().getActivationFn();
            eps = afn.backprop(z, epsilon.castTo(dataType)).getFirst();
        }
        INDArray epsNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        engine.backward(g, input, weights, eps, weightGradView, biasGradView,
                inputGradientNeeded ? epsNext : null);
        keptInput = null;
        engine.release();

        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(epsNext));
    }

    @Override
    public void clear() {
        super.clear();
        keptInput = null;
        if (engine != null) {
            engine.release();
        }
    }

    private INDArray param(String key, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return getParamWithNoise(key, training, workspaceMgr);
    }

    private INDArray bias(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
    }

    private ConvGeometry geometry(INDArray in) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        long channels = c.getNIn();
        if (in.rank() != 4 || in.size(1) != channels) {
            throw new DL4JInvalidInputException(String.format(Locale.ROOT,
                    "Layer '%s' (convolution) expects input [batch, %d, height, width] (channels first), got %s %s",
                    c.getLayerName(), channels, Arrays.toString(in.shape()), layerId()));
        }
        int[] kernel = c.getKernelSize();
        int h = (int) in.size(2);
        int w = (int) in.size(3);
        int top;
        int left;
        int bottom;
        int right;
        if (convolutionMode == ConvolutionMode.Same) {
            // stride 1: "same" output size, with any odd padding total split so the extra row/column is at the end
            int totalH = kernel[0] - 1;
            int totalW = kernel[1] - 1;
            int[] topLeft = ConvolutionUtils.getSameModeTopLeftPadding(new int[] {h, w}, new int[] {h, w}, kernel,
                    new int[] {1, 1}, new int[] {1, 1});
            top = topLeft[0];
            left = topLeft[1];
            bottom = totalH - top;
            right = totalW - left;
        } else {
            int[] pad = c.getPadding();
            top = pad[0];
            bottom = pad[0];
            left = pad[1];
            right = pad[1];
        }
        if (h + top + bottom < kernel[0] || w + left + right < kernel[1]) {
            throw new DL4JInvalidInputException(String.format(Locale.ROOT,
                    "Layer '%s' (convolution, %d×%d kernels): its input %d×%d is smaller than a kernel %s",
                    c.getLayerName(), kernel[0], kernel[1], h, w, layerId()));
        }
        return new ConvGeometry((int) in.size(0), (int) channels, h, w, (int) c.getNOut(), kernel[0], kernel[1], top,
                left, bottom, right);
    }

    private static long[] outputShape(ConvGeometry g) {
        return new long[] {g.batch(), g.outChannels(), g.outHeight(), g.outWidth()};
    }
}
