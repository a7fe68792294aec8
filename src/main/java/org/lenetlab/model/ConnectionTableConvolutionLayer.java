package org.lenetlab.model;

import java.util.Arrays;
import java.util.Locale;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of a {@link ConnectionTableConvolution} (LeNet-5's C3).
 *
 * <p>The free parameters are the kernels of the existing connections, {@code W} of shape
 * {@code [connections, kH, kW]}. The layer expands them into an ordinary convolution kernel
 * {@code K = [outMaps, inMaps, kH, kW]} whose missing connections are zero, through a fixed 0/1 selection matrix:
 * {@code K = S·W} (rows of {@code K} and {@code W} flattened to {@code kH·kW}). The convolution then runs as usual
 * (DL4J's native {@code conv2d}, oneDNN-accelerated for floats). Because {@code K} is a linear function of
 * {@code W}, the backward pass is the ordinary convolution gradient {@code dL/dK} followed by
 * {@code dL/dW = Sᵀ·dL/dK}: gradients for the missing connections are computed and then discarded, so those
 * kernels stay zero and are never parameters.
 */
public class ConnectionTableConvolutionLayer extends BaseLayer<ConnectionTableConvolution> {
    /** Which input maps each output map reads. */
    private final ConnectionTable table;
    /** Kernel rows. */
    private final int kernelHeight;
    /** Kernel columns. */
    private final int kernelWidth;
    /** The 0/1 matrix S of the class comment, made on first use. */
    private transient INDArray selection;

    /**
     * @param conf     the layer's configuration (its layer is a {@link ConnectionTableConvolution})
     * @param dataType the network's floating-point type
     */
    public ConnectionTableConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        ConnectionTableConvolution c = (ConnectionTableConvolution) conf.getLayer();
        this.table = c.connectionTable();
        this.kernelHeight = c.getKernelSize()[0];
        this.kernelWidth = c.getKernelSize()[1];
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    @Override
    public void setParams(INDArray params) {
        setParams(params, 'c'); // kernels are laid out in c order, as in DL4J's convolution layers
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray z = preOutput(training, workspaceMgr);
        return layerConf().getActivationFn().getActivation(z, training);
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray in = validatedInput();
        INDArray kernel = fullKernel(getParamWithNoise(ConnectionTableParamInitializer.WEIGHT_KEY, training,
                workspaceMgr));
        INDArray bias = getParamWithNoise(ConnectionTableParamInitializer.BIAS_KEY, training, workspaceMgr)
                .reshape(table.outputs());
        long[] outShape = {in.size(0), table.outputs(), in.size(2) - kernelHeight + 1, in.size(3) - kernelWidth + 1};
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, outShape, 'c');
        Nd4j.exec(DynamicCustomOp.builder("conv2d")
                .addInputs(in, kernel, bias)
                .addOutputs(out)
                .addIntegerArguments(convArgs())
                .build());
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray in = validatedInput();
        INDArray weights = getParamWithNoise(ConnectionTableParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray bias = getParamWithNoise(ConnectionTableParamInitializer.BIAS_KEY, true, workspaceMgr)
                .reshape(table.outputs());
        INDArray kernel = fullKernel(weights);

        INDArray z = preOutput(true, workspaceMgr);
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon.castTo(dataType)).getFirst();

        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, in.shape(), 'c');
        INDArray kernelGradient = Nd4j.createUninitialized(dataType, kernel.shape(), 'c');
        INDArray biasGradient = Nd4j.createUninitialized(dataType, table.outputs());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                .addInputs(in, kernel, bias, delta)
                .addOutputs(epsilonNext, kernelGradient, biasGradient)
                .addIntegerArguments(convArgs())
                .build());

        INDArray weightGradView = gradientViews.get(ConnectionTableParamInitializer.WEIGHT_KEY);
        INDArray biasGradView = gradientViews.get(ConnectionTableParamInitializer.BIAS_KEY);
        INDArray weightGradient = selection().transpose()
                .mmul(kernelGradient.reshape('c', (long) table.outputs() * table.inputs(), kernelArea()));
        weightGradView.assign(weightGradient.reshape('c', weightGradView.shape()));
        biasGradView.assign(biasGradient.reshape(biasGradView.shape()));

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ConnectionTableParamInitializer.BIAS_KEY, biasGradView);
        gradient.setGradientFor(ConnectionTableParamInitializer.WEIGHT_KEY, weightGradView, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }

    /**
     * @return the full {@code [outMaps, inMaps, kH, kW]} kernel this layer currently applies, zero where the table
     *     has no connection (for inspection and teaching; a copy)
     */
    public INDArray effectiveKernel() {
        return fullKernel(getParam(ConnectionTableParamInitializer.WEIGHT_KEY));
    }

    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("A partial convolution layer is trained as part of a network");
    }

    private INDArray fullKernel(INDArray weights) {
        INDArray w2d = weights.reshape('c', table.connections(), kernelArea());
        return selection().mmul(w2d).reshape('c', table.outputs(), table.inputs(), kernelHeight, kernelWidth);
    }

    /** The 0/1 matrix mapping kernels of connections to rows (output map, input map) of the full kernel. */
    private INDArray selection() {
        if (selection == null || selection.dataType() != dataType) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                INDArray s = Nd4j.zeros(dataType, (long) table.outputs() * table.inputs(), table.connections());
                for (int o = 0; o < table.outputs(); o++) {
                    for (int i : table.inputsOf(o)) {
                        s.putScalar((long) o * table.inputs() + i, table.connectionIndex(o, i), 1.0);
                    }
                }
                selection = s;
            }
        }
        return selection;
    }

    private INDArray validatedInput() {
        if (input.rank() != 4 || input.size(1) != table.inputs() || input.size(2) < kernelHeight
                || input.size(3) < kernelWidth) {
            throw new DL4JInvalidInputException(String.format(Locale.ROOT,
                    "Layer '%s' (partial convolution) expects input [batch, %d, height >= %d, width >= %d] "
                            + "(channels first), got %s %s", layerConf().getLayerName(), table.inputs(), kernelHeight,
                    kernelWidth, Arrays.toString(input.shape()), layerId()));
        }
        return input.castTo(dataType);
    }

    private int kernelArea() {
        return kernelHeight * kernelWidth;
    }

    /** conv2d integer arguments: kernel, stride 1, no padding, dilation 1, not "same", NCHW, weights [oC,iC,kH,kW]. */
    private int[] convArgs() {
        return new int[] {kernelHeight, kernelWidth, 1, 1, 0, 0, 1, 1, 0, 0, 1};
    }
}
