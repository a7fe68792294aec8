package org.lenetlab.model;

import java.util.Arrays;
import java.util.Locale;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The classic LeNet-5 of LeCun, Bottou, Bengio and Haffner (1998), "Gradient-based learning applied to document
 * recognition", Proc. IEEE 86(11), section II.B:
 * <pre>
 * input 32×32 ─ C1 conv 6@5×5 ─ S2 avg-pool 2×2/2 ─ C3 conv 16@5×5 ─ S4 avg-pool 2×2/2
 *             ─ C5 conv 120@5×5 (gives 1×1) ─ F6 dense 84 ─ output 10-way softmax
 * </pre>
 * Layers: {@code pad} (only for inputs smaller than 32×32), {@code C1}, {@code S2}, {@code C3}, {@code S4},
 * {@code C5}, {@code F6}, {@code output}. Parameters: 156 + 0 + 2,416 + 0 + 48,120 + 10,164 + 850 = <b>61,706</b>
 * with a grayscale input and 10 classes.
 *
 * <p>Faithful to the paper: the layer sizes, 5×5 kernels, no padding inside the network, tanh activations, C5 as
 * a convolution (so larger inputs would give C5 maps larger than 1×1), and, as an option, C3's partial
 * connection table ({@link #partialC3(boolean)}, Table I of the paper: 1,516 instead of 2,416 parameters,
 * 60,806 in all) and the paper's scaled tanh {@code 1.7159·tanh(2x/3)} ({@link #scaledTanh(boolean)}).
 *
 * <p>Modernised, as nearly every reimplementation does:
 * <ul>
 *   <li>The output layer is a softmax trained with cross-entropy, not the paper's 84→10 Euclidean RBF units with
 *       fixed ASCII-bitmap centres and the MAP criterion.</li>
 *   <li>S2 and S4 are plain 2×2 average pooling. In the paper each subsampling map sums its 4 inputs, multiplies
 *       by a trainable coefficient, adds a trainable bias and applies a sigmoid (12 and 32 parameters).</li>
 *   <li>Weights start from Xavier initialisation, not the paper's uniform ±2.4/fan-in, and the default optimiser
 *       is Adam with learning rate 1e-3: the paper's stochastic diagonal Levenberg–Marquardt method has no DL4J
 *       counterpart.</li>
 * </ul>
 *
 * <p>Images smaller than 32×32 (MNIST's 28×28) are zero-padded to 32×32 by a {@code ZeroPaddingLayer} inside the
 * model, as the paper padded its 28×28 digits into a 32×32 field; so MNIST feeds straight in. Larger images are
 * refused: use {@link ModernLeNet} for them.
 *
 * <p>Regularisation for overfitting experiments (the paper had none besides its distortions): L2 weight decay
 * ({@link #l2(double)}) and dropout after each of the four stages S2, S4, C5 and F6 ({@link #dropout(double...)},
 * layers {@code drop_S2}, {@code drop_S4}, {@code drop_C5}, {@code drop_F6}, present only for rates above 0). There
 * is no batch norm option: it belongs to the ReLU networks that came after ({@link ModernLeNet},
 * {@link KerasLeNet}).
 */
public final class LeNet5 extends LeNetBuilder<LeNet5> {
    /** The paper's input size: 32×32. */
    public static final int PAPER_INPUT_SIZE = 32;

    private static final String[] STAGES = {"S2", "S4", "C5", "F6"};

    private boolean scaledTanh;
    private boolean partialC3;
    private double[] dropout = new double[STAGES.length];

    private LeNet5() {
    }

    /** @return a builder with the defaults: 28×28×1 input, 10 classes, tanh, full C3, Adam 1e-3 */
    public static LeNet5 builder() {
        return new LeNet5();
    }

    /**
     * @param on true for the paper's {@code 1.7159·tanh(2x/3)} ({@link ActivationScaledTanh}), false for plain
     *           tanh (default)
     * @return this builder
     */
    public LeNet5 scaledTanh(boolean on) {
        this.scaledTanh = on;
        return this;
    }

    /**
     * @param on true for the paper's partial C3 connections ({@link ConnectionTable#lenet5C3()}, 1,516 parameters),
     *           false for an ordinary convolution in which every C3 map reads all 6 S2 maps (2,416, the default)
     * @return this builder
     */
    public LeNet5 partialC3(boolean on) {
        this.partialC3 = on;
        return this;
    }

    /**
     * @param perStage drop rate after S2, S4, C5 and F6 (four values), or one rate for all four; 0 means no dropout
     *                 layer there, otherwise {@code 0 < rate < 1} is the probability of zeroing a value
     * @return this builder
     * @throws IllegalArgumentException if the number of rates or a rate is invalid
     */
    public LeNet5 dropout(double... perStage) {
        if (perStage.length != 1 && perStage.length != STAGES.length) {
            throw new IllegalArgumentException("LeNet-5 takes one dropout rate for all stages or one for each of "
                    + String.join(", ", STAGES) + ", got " + perStage.length + ": " + Arrays.toString(perStage));
        }
        for (double r : perStage) {
            if (!(r >= 0 && r < 1)) {
                throw new IllegalArgumentException("Dropout rates must be at least 0 and below 1 (0 = no dropout), "
                        + "got " + Arrays.toString(perStage));
            }
        }
        double[] out = new double[STAGES.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = perStage[perStage.length == 1 ? 0 : i];
        }
        this.dropout = out;
        return this;
    }

    /** @return the drop rates after S2, S4, C5 and F6 */
    public double[] dropout() {
        return dropout.clone();
    }

    @Override
    public String architecture() {
        return Architecture.CLASSIC.cliName();
    }

    /** @return Adam with learning rate 1e-3 (the paper's optimiser has no DL4J counterpart) */
    @Override
    public IUpdater defaultUpdater() {
        return new Adam(1e-3);
    }

    @Override
    public MultiLayerConfiguration configuration() {
        InputShape in = input();
        if (in.height() > PAPER_INPUT_SIZE || in.width() > PAPER_INPUT_SIZE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Classic LeNet-5 takes images of at most %1$d×%1$d (smaller ones are zero-padded to %1$d×%1$d); "
                            + "got %2$s. Resize the images, or use the 'modern' or 'lenet9' architecture.",
                    PAPER_INPUT_SIZE, in));
        }
        IActivation activation = scaledTanh ? new ActivationScaledTanh() : Activation.TANH.getActivationFunction();
        int padTop = (PAPER_INPUT_SIZE - in.height()) / 2;
        int padLeft = (PAPER_INPUT_SIZE - in.width()) / 2;

        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed())
                .dataType(dataType())
                .updater(updater())
                .l2(l2())
                .weightInit(WeightInit.XAVIER)
                .activation(activation)
                .convolutionMode(ConvolutionMode.Truncate)
                .list();
        if (in.height() < PAPER_INPUT_SIZE || in.width() < PAPER_INPUT_SIZE) {
            layers.layer(new FastZeroPadding("pad", padTop, PAPER_INPUT_SIZE - in.height() - padTop,
                    padLeft, PAPER_INPUT_SIZE - in.width() - padLeft));
        }
        layers.layer(new FastConvolution.Builder(5, 5).name("C1").nOut(6).build())
                .layer(new FastSubsampling.Builder(PoolingType.AVG).name("S2").kernelSize(2, 2).stride(2, 2).build());
        dropoutAfter(layers, 0);
        layers.layer(partialC3
                        ? new ConnectionTableConvolution.Builder(ConnectionTable.lenet5C3()).name("C3")
                                .kernelSize(5, 5).build()
                        : new FastConvolution.Builder(5, 5).name("C3").nOut(16).build())
                .layer(new FastSubsampling.Builder(PoolingType.AVG).name("S4").kernelSize(2, 2).stride(2, 2).build());
        dropoutAfter(layers, 1);
        layers.layer(new FastConvolution.Builder(5, 5).name("C5").nOut(120).build());
        dropoutAfter(layers, 2);
        layers.layer(new FastDense.Builder().name("F6").nOut(84).build());
        dropoutAfter(layers, 3);
        return layers
                .layer(new FastOutput.Builder(LossFunctions.LossFunction.MCXENT).name("output")
                        .nOut(numClasses()).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(in.height(), in.width(), in.channels()))
                .build();
    }

    private void dropoutAfter(NeuralNetConfiguration.ListBuilder layers, int stage) {
        if (dropout[stage] > 0) {
            // DL4J's dropout argument is the probability of keeping a value
            layers.layer(new DropoutLayer.Builder(1 - dropout[stage]).name("drop_" + STAGES[stage]).build());
        }
    }
}
