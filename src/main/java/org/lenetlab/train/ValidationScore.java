package org.lenetlab.train;

import java.util.function.BooleanSupplier;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

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
        for (int from = 0; from < data.size(); from += batch) {
            if (stop.getAsBoolean()) {
                return null;
            }
            int to = Math.min(from + batch, data.size());
            DataSet ds = new DataSet(data.features(from, to), data.oneHotLabels(from, to));
            lossSum += net.score(ds, false) * (to - from);
            INDArray output = net.output(ds.getFeatures(), false);
            long[] predicted = output.argMax(1).toLongVector();
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == data.label(from + i)) {
                    correct++;
                }
            }
        }
        return new ValidationScore(lossSum / data.size(), (double) correct / data.size());
    }
}
