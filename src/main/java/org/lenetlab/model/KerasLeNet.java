package org.lenetlab.model;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The "LeNet" of the Caffe MNIST tutorial and of many Keras tutorials, which DL4J's own examples also call
 * LeNet. It is <em>not</em> LeCun's LeNet-5 ({@link LeNet5}): it has ReLU and max pooling, 20 and 50 filters
 * instead of 6 and 16, no C5 layer, a 500-unit dense layer, and about twenty times the parameters.
 * <pre>
 * conv1 20@5×5 same, ReLU ─ pool1 max 2×2/2 ─ conv2 50@5×5 same, ReLU ─ pool2 max 2×2/2
 *      ─ dense1 500 ReLU ─ output softmax
 * </pre>
 * With 28×28×1 input and 10 classes: 520 + 25,050 + 1,225,500 + 5,010 = 1,256,080 parameters (the dense layer
 * reads 7·7·50 = 2,450 values). "Same" padding and ReLU after the convolutions are the Keras tutorials'
 * choices; Caffe's original had neither (4·4·50 = 800 dense inputs, 431,080 parameters).
 *
 * <p>Defaults: Glorot-uniform (Xavier) initialisation as in Keras, and plain SGD with learning rate 0.01, the
 * usual tutorial setting.
 *
 * <p>Regularisation for overfitting experiments, as the Keras tutorials add it: L2 weight decay
 * ({@link #l2(double)}), dropout after each of the three blocks pool1, pool2 and dense1
 * ({@link #dropout(double...)}, layers {@code drop1}–{@code drop3}, the tutorials' 0.25, 0.25, 0.5), and batch norm
 * after each convolution ({@link #batchNorm(boolean)}: conv → {@code bn1}/{@code bn2} → ReLU).
 */
public final class KerasLeNet extends LeNetBuilder<KerasLeNet> {
    /** Number of blocks a dropout layer can follow: pool1, pool2, dense1. */
    public static final int BLOCKS = 3;

    private double[] dropout = new double[BLOCKS];
    private boolean batchNorm;

    private KerasLeNet() {
    }

    /**
     * @param perBlock drop rate after pool1, pool2 and dense1 (three values), or one rate for all; 0 means no
     *                 dropout layer there, otherwise {@code 0 < rate < 1} is the probability of zeroing a value
     * @return this builder
     * @throws IllegalArgumentException if the number of rates or a rate is invalid
     */
    public KerasLeNet dropout(double... perBlock) {
        if (perBlock.length != 1 && perBlock.length != BLOCKS) {
            throw new IllegalArgumentException("KerasLeNet takes one dropout rate for all blocks or one for each of "
                    + "pool1, pool2 and dense1, got " + perBlock.length + ": " + Arrays.toString(perBlock));
        }
        for (double r : perBlock) {
            if (!(r >= 0 && r < 1)) {
                throw new IllegalArgumentException("Dropout rates must be at least 0 and below 1 (0 = no dropout), "
                        + "got " + Arrays.toString(perBlock));
            }
        }
        double[] out = new double[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            out[i] = perBlock[perBlock.length == 1 ? 0 : i];
        }
        this.dropout = out;
        return this;
    }

    /**
     * @param on whether each convolution is followed by batch norm (then the ReLU comes after the batch norm)
     * @return this builder
     */
    public KerasLeNet batchNorm(boolean on) {
        this.batchNorm = on;
        return this;
    }

    /** @return the drop rates after pool1, pool2 and dense1 */
    public double[] dropout() {
        return dropout.clone();
    }

    /** @return whether the convolutions are followed by batch norm */
    public boolean batchNorm() {
        return batchNorm;
    }

    /** @return a builder with the defaults: 28×28×1 input, 10 classes, SGD 0.01 */
    public static KerasLeNet builder() {
        return new KerasLeNet();
    }

    @Override
    public String architecture() {
        return Architecture.KERAS.cliName();
    }

    /** @return plain SGD with learning rate 0.01, as in the tutorials */
    @Override
    public IUpdater defaultUpdater() {
        return new Sgd(0.01);
    }

    @Override
    public MultiLayerConfiguration configuration() {
        InputShape in = input();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed())
                .dataType(dataType())
                .updater(updater())
                .l2(l2())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .activation(Activation.RELU)
                .list();
        for (int b = 1; b <= 2; b++) {
            layers.layer(new FastConvolution.Builder(5, 5).name("conv" + b).nOut(b == 1 ? 20 : 50)
                    .convolutionMode(ConvolutionMode.Same)
                    .activation(batchNorm ? Activation.IDENTITY : Activation.RELU).build());
            if (batchNorm) {
                layers.layer(new BatchNormalization.Builder().name("bn" + b).activation(Activation.RELU).build());
            }
            layers.layer(new FastSubsampling.Builder(PoolingType.MAX).name("pool" + b).kernelSize(2, 2).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Truncate).build());
            dropoutAfter(layers, b);
        }
        layers.layer(new FastDense.Builder().name("dense1").nOut(500).build());
        dropoutAfter(layers, 3);
        return layers
                .layer(new FastOutput.Builder(LossFunctions.LossFunction.MCXENT).name("output")
                        .nOut(numClasses()).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(in.height(), in.width(), in.channels()))
                .build();
    }

    private void dropoutAfter(NeuralNetConfiguration.ListBuilder layers, int block) {
        if (dropout[block - 1] > 0) {
            // DL4J's dropout argument is the probability of keeping a value
            layers.layer(new DropoutLayer.Builder(1 - dropout[block - 1]).name("drop" + block).build());
        }
    }
}
