package org.lenetlab.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A LeNet with today's habits, every choice an option, for experiments and hyperparameter searches.
 *
 * <p>The network is a stack of <em>blocks</em>: first 1–3 convolution blocks, then 1–3 dense layers, then the
 * softmax output. Blocks are numbered from 1 in that order, and their layers are named after the block:
 * <pre>
 * conv block b:  conv{b} (k×k, filters, same/valid) ─ [bn{b} batch norm] ─ pool{b} max 2×2/2 ─ [drop{b}]
 * dense block b: dense{b} (units) ─ [drop{b}]
 * then:          output (softmax, cross-entropy)
 * </pre>
 * With batch norm the block runs convolution → batch norm → activation (the order of Ioffe and Szegedy);
 * without it, the convolution applies the activation itself. A dropout layer follows a block only if its rate is
 * above 0. With the default two conv blocks and two dense layers there are four blocks, so the dropout rates are
 * the familiar {@code drop1..drop4}.
 *
 * <p>Options (defaults in brackets): activation tanh, ReLU or ELU [ReLU; weights start He-normal for ReLU/ELU,
 * Xavier for tanh]; conv blocks [2]; filters per conv block [32, 64, 128 for the first three]; kernel size
 * [5; 3 and 5 are the usual choices]; padding same or valid [same]; batch norm per conv block [off]; dense units
 * per dense block [120, 84, LeNet-5's widths]; dropout rate per block [0]; plus the common options of
 * {@link LeNetBuilder}, with Adam 1e-3 as the default optimiser. Per-layer options take one value per
 * layer/block, or a single value for all.
 *
 * <p>Options are checked when the configuration is made; an input too small for the pooling stages is reported
 * with the layer whose output would vanish and the smallest input the settings accept.
 *
 * <p>{@link #nineLayer()} is the 9-layer modified LeNet preset.
 */
public final class ModernLeNet extends LeNetBuilder<ModernLeNet> {
    /** Largest number of conv blocks. */
    public static final int MAX_CONV_BLOCKS = 3;
    /** Largest number of dense blocks. */
    public static final int MAX_DENSE_BLOCKS = 3;

    private String architecture = Architecture.MODERN.cliName();
    private Activation activation = Activation.RELU;
    private int convBlocks = 2;
    private int[] filters;
    private int kernelSize = 5;
    private Padding padding = Padding.SAME;
    private boolean[] batchNorm;
    private int[] denseUnits = {120, 84};
    private double[] dropout;

    private ModernLeNet() {
    }

    /** @return a builder with the defaults listed in the class comment */
    public static ModernLeNet builder() {
        return new ModernLeNet();
    }

    /**
     * The 9-layer modified LeNet: LeNet-5's two conv/pool stages become three, with small 3×3 kernels and "same"
     * padding, and ELU activations:
     * <pre>
     * conv1 32@3×3 ELU ─ pool1 ─ conv2 64@3×3 ELU ─ pool2 ─ conv3 128@3×3 ELU ─ pool3
     *      ─ dense4 120 ELU ─ dense5 84 ELU ─ output softmax
     * </pre>
     * Nine layers: conv-pool-conv-pool-conv-pool-dense-dense-output. On 28×28×1 with 10 classes the maps shrink
     * 28 → 14 → 7 → 3 and the network has 242,046 parameters. Every other option can still be changed, e.g.
     * {@code nineLayer().input(64, 64, 3).numClasses(51).dropout(0, 0, 0.25, 0.5, 0.5)}.
     *
     * @return the preset builder (architecture name {@code lenet9})
     */
    public static ModernLeNet nineLayer() {
        ModernLeNet b = new ModernLeNet()
                .activation(Activation.ELU)
                .convBlocks(3)
                .filters(32, 64, 128)
                .kernelSize(3)
                .padding(Padding.SAME)
                .denseUnits(120, 84);
        b.architecture = Architecture.LENET9.cliName();
        return b;
    }

    /**
     * @param fn {@code TANH}, {@code RELU} or {@code ELU}
     * @return this builder
     */
    public ModernLeNet activation(Activation fn) {
        if (fn != Activation.TANH && fn != Activation.RELU && fn != Activation.ELU) {
            throw new IllegalArgumentException("ModernLeNet's activation must be tanh, relu or elu, got " + fn);
        }
        this.activation = fn;
        return this;
    }

    /**
     * @param name {@code tanh}, {@code relu} or {@code elu} (any case)
     * @return this builder
     */
    public ModernLeNet activation(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "tanh" -> activation(Activation.TANH);
            case "relu" -> activation(Activation.RELU);
            case "elu" -> activation(Activation.ELU);
            default -> throw new IllegalArgumentException("Activation '" + name + "' is not offered; use tanh, relu "
                    + "or elu");
        };
    }

    /**
     * @param count number of conv blocks, 1 to {@value #MAX_CONV_BLOCKS}
     * @return this builder
     */
    public ModernLeNet convBlocks(int count) {
        if (count < 1 || count > MAX_CONV_BLOCKS) {
            throw new IllegalArgumentException("ModernLeNet has 1 to " + MAX_CONV_BLOCKS + " conv blocks, got " + count);
        }
        this.convBlocks = count;
        return this;
    }

    /**
     * @param perBlock filters of each conv block, or one count for all
     * @return this builder
     */
    public ModernLeNet filters(int... perBlock) {
        requireValues("filters", perBlock.length);
        for (int f : perBlock) {
            if (f < 1) {
                throw new IllegalArgumentException("Every conv block needs at least 1 filter, got "
                        + Arrays.toString(perBlock));
            }
        }
        this.filters = perBlock.clone();
        return this;
    }

    /**
     * @param size square kernel size of every convolution, usually 3 or 5
     * @return this builder
     */
    public ModernLeNet kernelSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("The kernel size must be at least 1 (usually 3 or 5), got " + size);
        }
        this.kernelSize = size;
        return this;
    }

    /**
     * @param rule {@link Padding#SAME} (keep the size through each convolution) or {@link Padding#VALID}
     * @return this builder
     */
    public ModernLeNet padding(Padding rule) {
        if (rule == null || rule.mode() == Padding.Mode.EXPLICIT) {
            throw new IllegalArgumentException("ModernLeNet's padding is 'same' or 'valid', got " + rule);
        }
        this.padding = rule;
        return this;
    }

    /**
     * @param perBlock for each conv block, whether it has batch norm (or one value for all), like the search
     *                 spaces' {@code (0, 1)} tuples
     * @return this builder
     */
    public ModernLeNet batchNorm(boolean... perBlock) {
        requireValues("batchNorm", perBlock.length);
        this.batchNorm = perBlock.clone();
        return this;
    }

    /**
     * @param perBlock units of each dense layer before the output, 1 to {@value #MAX_DENSE_BLOCKS} layers
     * @return this builder
     */
    public ModernLeNet denseUnits(int... perBlock) {
        if (perBlock.length < 1 || perBlock.length > MAX_DENSE_BLOCKS) {
            throw new IllegalArgumentException("ModernLeNet has 1 to " + MAX_DENSE_BLOCKS + " dense layers before "
                    + "the output, got " + perBlock.length + ": " + Arrays.toString(perBlock));
        }
        for (int u : perBlock) {
            if (u < 1) {
                throw new IllegalArgumentException("Every dense layer needs at least 1 unit, got "
                        + Arrays.toString(perBlock));
            }
        }
        this.denseUnits = perBlock.clone();
        return this;
    }

    /**
     * @param perBlock drop rate after each block, conv blocks first, then dense blocks (or one rate for all);
     *                 0 means no dropout layer, otherwise {@code 0 < rate < 1} is the probability of zeroing a value
     * @return this builder
     */
    public ModernLeNet dropout(double... perBlock) {
        requireValues("dropout", perBlock.length);
        for (double r : perBlock) {
            if (!(r >= 0 && r < 1)) {
                throw new IllegalArgumentException("Dropout rates must be at least 0 and below 1 (0 = no dropout), "
                        + "got " + Arrays.toString(perBlock));
            }
        }
        this.dropout = perBlock.clone();
        return this;
    }

    @Override
    public String architecture() {
        return architecture;
    }

    /** @return Adam with learning rate 1e-3 */
    @Override
    public IUpdater defaultUpdater() {
        return new Adam(1e-3);
    }

    /** @return the activation */
    public Activation activation() {
        return activation;
    }

    /** @return number of conv blocks */
    public int convBlocks() {
        return convBlocks;
    }

    /** @return number of blocks, conv and dense */
    public int blocks() {
        return convBlocks + denseUnits.length;
    }

    /**
     * @return filters of each conv block
     * @throws IllegalArgumentException if the filters set do not match the number of conv blocks
     */
    public int[] filters() {
        if (filters == null) {
            int[] defaults = new int[convBlocks];
            for (int i = 0; i < convBlocks; i++) {
                defaults[i] = 32 << i;
            }
            return defaults;
        }
        return perLayer("filters", filters, convBlocks, "conv block");
    }

    /** @return kernel size */
    public int kernelSize() {
        return kernelSize;
    }

    /** @return padding rule */
    public Padding padding() {
        return padding;
    }

    /**
     * @return for each conv block, whether it has batch norm
     * @throws IllegalArgumentException if the values set do not match the number of conv blocks
     */
    public boolean[] batchNorm() {
        boolean[] out = new boolean[convBlocks];
        if (batchNorm != null) {
            if (batchNorm.length != 1 && batchNorm.length != convBlocks) {
                throw mismatch("batchNorm", batchNorm.length, convBlocks, "conv block", "");
            }
            for (int i = 0; i < convBlocks; i++) {
                out[i] = batchNorm[batchNorm.length == 1 ? 0 : i];
            }
        }
        return out;
    }

    /** @return units of each dense layer before the output */
    public int[] denseUnits() {
        return denseUnits.clone();
    }

    /**
     * @return drop rate after each block
     * @throws IllegalArgumentException if the rates set do not match the number of blocks
     */
    public double[] dropout() {
        double[] out = new double[blocks()];
        if (dropout != null) {
            if (dropout.length != 1 && dropout.length != blocks()) {
                throw mismatch("dropout", dropout.length, blocks(), "block",
                        " (" + convBlocks + " conv, then " + denseUnits.length + " dense)");
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = dropout[dropout.length == 1 ? 0 : i];
            }
        }
        return out;
    }

    @Override
    public MultiLayerConfiguration configuration() {
        int[] convFilters = filters();
        boolean[] norm = batchNorm();
        double[] drop = dropout();
        checkInputIsLargeEnough(convFilters);
        InputShape in = input();
        WeightInit init = activation == Activation.TANH ? WeightInit.XAVIER : WeightInit.RELU;
        ConvolutionMode convMode = padding.mode() == Padding.Mode.SAME ? ConvolutionMode.Same
                : ConvolutionMode.Truncate;

        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed())
                .dataType(dataType())
                .updater(updater())
                .l2(l2())
                .weightInit(init)
                .activation(activation)
                .list();
        int block = 0;
        for (int i = 0; i < convBlocks; i++) {
            block++;
            layers.layer(new FastConvolution.Builder(kernelSize, kernelSize).name("conv" + block)
                    .nOut(convFilters[i]).convolutionMode(convMode)
                    .activation(norm[i] ? Activation.IDENTITY : activation).build());
            if (norm[i]) {
                layers.layer(new BatchNormalization.Builder().name("bn" + block).activation(activation).build());
            }
            layers.layer(new FastSubsampling.Builder(PoolingType.MAX).name("pool" + block).kernelSize(2, 2)
                    .stride(2, 2).convolutionMode(ConvolutionMode.Truncate).build());
            if (drop[block - 1] > 0) {
                layers.layer(new DropoutLayer.Builder(1 - drop[block - 1]).name("drop" + block).build());
            }
        }
        for (int units : denseUnits) {
            block++;
            layers.layer(new FastDense.Builder().name("dense" + block).nOut(units).build());
            if (drop[block - 1] > 0) {
                layers.layer(new DropoutLayer.Builder(1 - drop[block - 1]).name("drop" + block).build());
            }
        }
        return layers
                .layer(new FastOutput.Builder(LossFunctions.LossFunction.MCXENT).name("output")
                        .nOut(numClasses()).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(in.height(), in.width(), in.channels()))
                .build();
    }

    /** Walks the conv/pool stages with the shape calculator and explains an input that is too small. */
    private void checkInputIsLargeEnough(int[] convFilters) {
        InputShape in = input();
        try {
            ShapeCalculator.of(in.toTensorShape(), spatialStages(convFilters));
        } catch (IllegalArgumentException e) {
            int minHeight = smallestSide(convFilters, true);
            int minWidth = smallestSide(convFilters, false);
            String advice = padding.mode() == Padding.Mode.SAME ? "fewer conv blocks"
                    : "padding 'same', a smaller kernel or fewer conv blocks";
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: the input %s is too small for %d conv block(s) with %d×%d kernels, %s padding and 2×2 "
                            + "pooling. %s The smallest input these settings accept is %d×%d; otherwise use %s.",
                    architecture, in, convBlocks, kernelSize, kernelSize, padding, e.getMessage(), minHeight,
                    minWidth, advice), e);        }
    }

    private List<LayerSpec> spatialStages(int[] convFilters) {
        List<LayerSpec> stages = new ArrayList<>();
        for (int b = 1; b <= convBlocks; b++) {
            stages.add(LayerSpec.Conv.of("conv" + b, convFilters[b - 1], kernelSize, 1, padding));
            stages.add(LayerSpec.Pool.of("pool" + b, LayerSpec.PoolType.MAX, 2, 2));
        }
        return stages;
    }

    private int smallestSide(int[] convFilters, boolean height) {
        InputShape in = input();
        for (int side = 1; side <= 1 << 16; side++) {
            TensorShape probe = height ? TensorShape.image(in.channels(), side, in.width() + (1 << 16))
                    : TensorShape.image(in.channels(), in.height() + (1 << 16), side);
            try {
                ShapeCalculator.of(probe, spatialStages(convFilters));
                return side;
            } catch (IllegalArgumentException tooSmall) {
                // try the next size
            }
        }
        throw new IllegalStateException("No input size up to 65536 fits these settings");
    }

    private void requireValues(String option, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(option + "(...) needs at least one value");
        }
    }

    private static int[] perLayer(String option, int[] values, int expected, String unit) {
        if (values.length != 1 && values.length != expected) {
            throw mismatch(option, values.length, expected, unit, "");
        }
        int[] out = new int[expected];
        for (int i = 0; i < expected; i++) {
            out[i] = values[values.length == 1 ? 0 : i];
        }
        return out;
    }

    private static IllegalArgumentException mismatch(String option, int given, int expected, String unit,
                                                     String detail) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "%s(...) gives %d values but the network has %d %s%s%s: give one value per %s, or a single value "
                        + "for all", option, given, expected, unit, expected == 1 ? "" : "s", detail, unit));
    }
}
