package org.lenetlab.exercises.lenet;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.lenetlab.grading.NotImplementedYet;

/** LeCun's LeNet-5 for 28x28 MNIST digits, built with DL4J. Exercise 02. */
public final class ClassicLeNet5 {
    private ClassicLeNet5() {
    }

    /** @return pad, C1, S2, C3, S4, C5, F6, output, as in TASK.md */
    public static MultiLayerConfiguration configuration(long seed) {
        throw new NotImplementedYet("ClassicLeNet5.configuration: build the 8 layers of the table in TASK.md with "
                + "new NeuralNetConfiguration.Builder().seed(seed)...list()");
    }
}
