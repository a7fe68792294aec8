package org.lenetlab.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.lenetlab.model.FastOutputLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Counts the correctly classified images of each training batch from the training pass itself, as Keras does: a
 * {@link FastOutputLayer} counts them in its backprop; for other output layers, DL4J calls
 * {@link #onBackwardPass(Model)} while the output layer still holds its input (with this batch's dropout applied) and
 * labels, and only the output layer runs again. When that is not possible (an output layer without 2-D labels),
 * {@link #correct()} stays −1 and the trainer falls back to a separate inference pass.
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
            if (output instanceof FastOutputLayer fast && fast.lastTrainingHits() >= 0) {
                correct = fast.lastTrainingHits(); // counted by the step itself
                return;
            }
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
        int rows = (int) predictions.size(0);
        int classes = (int) predictions.size(1);
        double[] p = values(predictions);
        double[] y = values(oneHotLabels);
        long hits = 0;
        for (int r = 0; r < rows; r++) {
            if (argMax(p, r * classes, classes) == argMax(y, r * classes, classes)) {
                hits++;
            }
        }
        return hits;
    }

    /** @return the index of the first largest of {@code length} values from {@code from} (as ND4J's argMax) */
    private static int argMax(double[] values, int from, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[from + i] > values[from + best]) {
                best = i;
            }
        }
        return best;
    }

    /** @return a matrix's values in row-major order (read straight from its buffer when it is laid out so) */
    private static double[] values(INDArray matrix) {
        boolean plain = matrix.ordering() == 'c' && Shape.hasDefaultStridesForShape(matrix) && matrix.offset() == 0
                && matrix.data().length() == matrix.length();
        return (plain ? matrix : matrix.dup('c')).data().asDouble();
    }
}
