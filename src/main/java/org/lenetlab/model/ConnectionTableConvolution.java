package org.lenetlab.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J layer configuration of a convolution whose output maps each read only some input maps, given by a
 * {@link ConnectionTable}: LeNet-5's layer C3 ({@link ConnectionTable#lenet5C3()}).
 *
 * <p>Its parameters are only the kernels that exist: one {@code k×k} kernel per connection plus one bias per
 * output map. For C3 that is {@code 60·25 + 16 = 1,516} parameters, where an ordinary 6→16 convolution has
 * {@code 96·25 + 16 = 2,416}. Stride 1, no padding, channels-first (NCHW) activations.
 *
 * <p>The layer is a first-class DL4J layer: it trains with any updater, takes L1/L2 and dropout like the built-in
 * layers, passes DL4J's numerical gradient check and saves and loads with {@code ModelSerializer} (the
 * connection table is part of the JSON configuration). The computation is in
 * {@link ConnectionTableConvolutionLayer}.
 */
public class ConnectionTableConvolution extends FeedForwardLayer {
    /** For each output map, the input maps it reads (the connection table, as stored in JSON). */
    @JsonProperty
    private int[][] connections;
    /** Kernel height and width. */
    @JsonProperty
    private int[] kernelSize;

    /** For JSON deserialisation only. */
    protected ConnectionTableConvolution() {
    }

    private ConnectionTableConvolution(Builder builder) {
        super(builder);
        this.connections = builder.table.toArray();
        this.kernelSize = builder.kernelSize.clone();
        this.nIn = builder.table.inputs();
        this.nOut = builder.table.outputs();
        initializeConstraints(builder);
    }

    /** @return which input maps each output map reads */
    public ConnectionTable connectionTable() {
        return ConnectionTable.of((int) nIn, connections);
    }

    /** @return kernel height and width */
    public int[] getKernelSize() {
        return kernelSize.clone();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        ConnectionTableConvolutionLayer layer = new ConnectionTableConvolutionLayer(conf, networkDataType);
        return LayerWiring.wire(layer, this, conf, trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return ConnectionTableParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = requireImages(inputType);
        if (in.getHeight() < kernelSize[0] || in.getWidth() < kernelSize[1]) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Layer '%s' (partial convolution, %d×%d kernels): its input %d×%d is smaller than a kernel; "
                            + "use a larger input image or fewer pooling layers before it",
                    getLayerName(), kernelSize[0], kernelSize[1], in.getHeight(), in.getWidth()));
        }
        return InputTypeUtil.getOutputTypeCnnLayers(inputType, kernelSize, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}, ConvolutionMode.Truncate, nOut, layerIndex, getLayerName(), CNN2DFormat.NCHW,
                ConnectionTableConvolution.class);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional in = requireImages(inputType);
        if (in.getChannels() != nIn) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Layer '%s' (partial convolution): its connection table reads %d input maps but it receives %d; "
                            + "give the layer before it %d output maps or use a table with %d inputs",
                    getLayerName(), nIn, in.getChannels(), nIn, in.getChannels()));
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, getLayerName());
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(params);
        long fullKernel = nIn * nOut * kernelSize[0] * kernelSize[1];
        return new LayerMemoryReport.Builder(getLayerName(), ConnectionTableConvolution.class, inputType, out)
                .standardMemory(params, updaterState)
                .workingMemory(fullKernel, 0, 2 * fullKernel, inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    private InputType.InputTypeConvolutional requireImages(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c) || c.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalStateException("Layer '" + getLayerName() + "' (partial convolution) needs "
                    + "channels-first (NCHW) image input, got " + inputType);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionTableConvolution c && super.equals(o)
                && Arrays.deepEquals(connections, c.connections) && Arrays.equals(kernelSize, c.kernelSize);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + Arrays.deepHashCode(connections)) + Arrays.hashCode(kernelSize);
    }

    @Override
    public String toString() {
        return "ConnectionTableConvolution(" + getLayerName() + ", " + nIn + "→" + nOut + " maps, "
                + connectionTable().connections() + " kernels " + kernelSize[0] + "×" + kernelSize[1] + ")";
    }

    /** Builds a {@link ConnectionTableConvolution}; set the table and usually the name, nothing else needed. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private final ConnectionTable table;
        private int[] kernelSize = {5, 5};

        /**
         * @param table which input maps each output map reads; it fixes the numbers of input and output maps
         */
        public Builder(ConnectionTable table) {
            if (table == null) {
                throw new IllegalArgumentException("A partial convolution needs a connection table, e.g. "
                        + "ConnectionTable.lenet5C3()");
            }
            this.table = table;
            this.nIn = table.inputs();
            this.nOut = table.outputs();
        }

        /**
         * @param height kernel rows
         * @param width  kernel columns
         * @return this builder
         */
        public Builder kernelSize(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Kernel size must be at least 1×1, got %d×%d", height, width));
            }
            this.kernelSize = new int[] {height, width};
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ConnectionTableConvolution build() {
            if (nIn != table.inputs() || nOut != table.outputs()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "A partial convolution takes its map counts from its connection table (%d in, %d out); "
                                + "do not set nIn/nOut to %d/%d", table.inputs(), table.outputs(), nIn, nOut));
            }
            return new ConnectionTableConvolution(this);
        }
    }
}
