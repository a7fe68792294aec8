package org.lenetlab.train;

import java.util.function.BooleanSupplier;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loss and accuracy of a network on a whole dataset, evaluated in large batches in inference mode (no dropout).
 *
 * @param loss     mean loss per image (including regularisation, as the training loss does)
 * @param accuracy fraction classified correctly
 */
record ValidationScore(double loss, double accuracy) {

    /**
     * @param net   the network
     * @param data  the images
     * @param batch images per evaluation batch
     * @param stop  polled between batches; evaluation is abandoned when it returns true
     * @return the score, or {@code null} if stopped
     */
    static ValidationScore evaluate(MultiLayerNetwork net, ImageDataset data, int batch, BooleanSupplier stop) {
        double lossSum = 0;
        long correct = 0;
        double regularisation = net.calcRegularizationScore(true);
        for (int from = 0; from < data.size(); from += batch) {
            if (stop.getAsBoolean()) {
                return null;
            }
            int to = Math.min(from + batch, data.size());
            INDArray features = data.features(from, to);
            INDArray labels = data.oneHotLabels(from, to);
            INDArray output = net.output(features, false);
            double summed = lossOfSoftmaxOutput(net, output, labels);
            lossSum += Double.isNaN(summed) ? net.score(new DataSet(features, labels), false) * (to - from)
                    : summed + regularisation * (to - from);
            long[] predicted = output.argMax(1).toLongVector();
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == data.label(from + i)) {
                    correct++;
                }
            }
        }
        return new ValidationScore(lossSum / data.size(), (double) correct / data.size());
    }

    /**
     * The output layer's loss summed over a batch, computed from the network's softmax outputs, so that one forward
     * pass gives both the loss and the predictions ({@code net.score} would run a second one). Softmax of
     * {@code log p} is {@code p}, so the loss function sees what it sees in training, clipping and class weights
     * included.
     *
     * @return the summed loss, or NaN when the output layer is not a softmax layer (then use {@code net.score})
     */
    private static double lossOfSoftmaxOutput(MultiLayerNetwork net, INDArray output, INDArray labels) {
        Layer last = net.getLayerWiseConfigurations().getConf(net.getnLayers() - 1).getLayer();
        if (!(last instanceof BaseOutputLayer out) || !(out.getActivationFn() instanceof ActivationSoftmax)
                || output.rank() != 2) {
            return Double.NaN;
        }
        INDArray logits = Transforms.log(output, true);
        return out.getLossFn().computeScore(labels.castTo(output.dataType()), logits, out.getActivationFn(), null,
                false);
    }
}
