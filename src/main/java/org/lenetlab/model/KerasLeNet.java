package org.lenetlab.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
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
 */
public final class KerasLeNet extends LeNetBuilder<KerasLeNet> {

    private KerasLeNet() {
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
        return new NeuralNetConfiguration.Builder()
                .seed(seed())
                .dataType(dataType())
                .updater(updater())
                .l2(l2())
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .activation(Activation.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(20)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool1").kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("conv2").nOut(50)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool2").kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new DenseLayer.Builder().name("dense1").nOut(500).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output")
                        .nOut(numClasses()).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(in.height(), in.width(), in.channels()))
                .build();
    }
}
