package org.lenetlab.exercises.lenet;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** LeCun's LeNet-5 for 28x28 MNIST digits, built with DL4J. Reference solution of exercise 02. */
public final class ClassicLeNet5 {
    private ClassicLeNet5() {
    }

    /** @return pad, C1, S2, C3, S4, C5, F6, output, as in TASK.md */
    public static MultiLayerConfiguration configuration(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .activation(Activation.TANH)
                .list()
                .layer(new ZeroPaddingLayer.Builder(2, 2).name("pad").build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("C1").nOut(6).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("S2").kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("C3").nOut(16).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("S4").kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("C5").nOut(120).build())
                .layer(new DenseLayer.Builder().name("F6").nOut(84).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
    }
}
