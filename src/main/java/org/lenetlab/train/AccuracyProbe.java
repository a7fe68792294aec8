package org.lenetlab.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Counts the correctly classified images of each training batch from the training pass itself, as Keras does, at
 * the cost of re-running only the output layer: DL4J calls {@link #onBackwardPass(Model)} while the output layer
 * still holds its input (with this batch's dropout applied) and labels. When that is not possible (an output layer
 * without 2-D labels), {@link #correct()} stays −1 and the trainer falls back to a separate inference pass.
 */
final class AccuracyProbe extends BaseTrainingListener {
    private long correct = -1;
    private boolean unsupported;

    void reset() {
        correct = -1;
    }

    /** @return correct predictions in the last batch, or −1 if they could not be counted */
    long correct() {
        return correct;
    }

    @Override
    public void onBackwardPass(Model model) {
        if (unsupported || !(model instanceof MultiLayerNetwork net)) {
            return;
        }
        try {
            Layer output = net.getOutputLayer();
            INDArray labels = output instanceof IOutputLayer ol ? ol.getLabels() : null;
            if (labels == null || labels.rank() != 2 || output.input() == null) {
                unsupported = true;
                return;
            }
            INDArray predictions = output.activate(true, LayerWorkspaceMgr.noWorkspaces());
            correct = countCorrect(predictions, labels);
        } catch (RuntimeException e) {
            unsupported = true; // fall back to the trainer's inference pass for the rest of the run
        }
    }

    static long countCorrect(INDArray predictions, INDArray oneHotLabels) {
        long[] predicted = predictions.argMax(1).toLongVector();
        long[] actual = oneHotLabels.argMax(1).toLongVector();
        long hits = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == actual[i]) {
                hits++;
            }
        }
        return hits;
    }
}
