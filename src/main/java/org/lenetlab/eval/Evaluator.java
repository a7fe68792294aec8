package org.lenetlab.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a trained network over a dataset in batches and evaluates its predictions.
 *
 * <p>Batches only bound memory during inference; they do not change the result (the network runs in inference
 * mode, so batch normalisation and dropout behave the same whatever the batch size). The resulting
 * {@link ClassificationEvaluation} keeps the network's probabilities, so top-k accuracy and the most confident
 * mistakes are available.
 */
public final class Evaluator {
    /** Images per inference batch unless told otherwise: large, since no gradients are kept. */
    public static final int DEFAULT_BATCH_SIZE = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

    private final int batchSize;

    /** An evaluator with batches of {@value #DEFAULT_BATCH_SIZE} images. */
    public Evaluator() {
        this(DEFAULT_BATCH_SIZE);
    }

    /**
     * @param batchSize images per inference batch; smaller needs less memory
     * @throws IllegalArgumentException if {@code batchSize} is not positive
     */
    public Evaluator(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** @return images per inference batch */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Predicts every image of {@code data} and evaluates the predictions against its labels.
     *
     * @param network a network whose output layer has one unit per class of {@code data} (a softmax)
     * @param data    the labelled images, e.g. a test set
     * @return the evaluation, with probabilities, described as the dataset's name
     * @throws IllegalArgumentException if the network was not initialised, cannot take the dataset's images or
     *                                  has a different number of outputs than the dataset has classes
     */
    public ClassificationEvaluation evaluate(MultiLayerNetwork network, ImageDataset data) {
        float[][] probabilities = predictProbabilities(network, data);
        return ClassificationEvaluation.of(data.labels(), probabilities, data.classNames())
                .withDescription(data.name());
    }

    /**
     * The network's class probabilities for every image of {@code data}, computed batch by batch in inference mode.
     *
     * @param network a network whose output layer has one unit per class of {@code data}
     * @param data    the images
     * @return {@code [image][class]} probabilities, in dataset order
     * @throws IllegalArgumentException if the network was not initialised, cannot take the dataset's images or
     *                                  has a different number of outputs than the dataset has classes
     */
    public float[][] predictProbabilities(MultiLayerNetwork network, ImageDataset data) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        if (!network.isInitCalled()) {
            throw new IllegalArgumentException("the network has no parameters yet: call network.init() (or load a "
                    + "trained model) before evaluating it");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException(data.name() + " is empty: there is nothing to evaluate");
        }
        long start = System.nanoTime();
        float[][] probabilities = new float[data.size()][];
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(from + batchSize, data.size());
            float[][] batch = outputOf(network, data, from, to);
            System.arraycopy(batch, 0, probabilities, from, batch.length);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.debug("evaluated {} images of {} in {} s ({} images/s, batches of {})", data.size(), data.name(),
                String.format(Locale.ROOT, "%.3f", seconds),
                String.format(Locale.ROOT, "%.0f", data.size() / Math.max(seconds, 1e-9)), batchSize);
        return probabilities;
    }

    private static float[][] outputOf(MultiLayerNetwork network, ImageDataset data, int from, int to) {
        INDArray output;
        try {
            output = network.output(data.features(from, to), false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the network cannot process the images of %s (%d×%d×%d, channels × height × width): %s",
                    data.name(), data.channels(), data.height(), data.width(), e.getMessage()), e);
        }
        if (output.rank() != 2 || output.size(1) != data.numClasses()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the network outputs shape %s per batch but %s has %d classes: the output layer needs one "
                            + "unit per class (nOut(%d))", Arrays.toString(output.shape()), data.name(),
                    data.numClasses(), data.numClasses()));
        }
        // one bulk copy: INDArray.toFloatMatrix() reads row by row and cost a quarter of an evaluation
        int rows = (int) output.size(0);
        int columns = (int) output.size(1);
        float[] flat = output.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] matrix = new float[rows][];
        for (int r = 0; r < rows; r++) {
            matrix[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return matrix;
    }
}
