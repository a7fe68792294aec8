package org.lenetlab.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * One weight per class for the cross-entropy loss: an image of class {@code c} contributes
 * {@code weight(c) · (−log p_c)} to the loss, so a rare class with a large weight pulls on the gradients as hard as
 * a common one. This is Keras' {@code class_weight} argument of {@code fit}.
 *
 * <p>{@link #balanced(ImageDataset)} computes {@code n_samples / (n_classes · count(c))}, the formula of
 * scikit-learn's {@code compute_class_weight("balanced")}: with balanced weights every class carries the same
 * total weight, and a perfectly balanced dataset gets weight 1 everywhere.
 *
 * <pre>{@code
 * ClassWeights weights = ClassWeights.balanced(train);
 * TrainingConfig config = TrainingConfig.builder().classWeights(weights).build();
 * }</pre>
 *
 * <p>The {@link Trainer} puts the weights into the network's output layer before training
 * ({@link #applyTo(MultiLayerNetwork)}: a DL4J {@link LossMCXENT} with a weights array replaces the output layer's
 * cross-entropy), so they are saved with the model. Immutable.
 */
public final class ClassWeights {
    private final double[] weights;
    private final String kind;

    private ClassWeights(double[] weights, String kind) {
        this.weights = weights;
        this.kind = kind;
    }

    /**
     * Balanced weights {@code n_samples / (n_classes · count(c))}, as scikit-learn's
     * {@code compute_class_weight("balanced", classes=range(numClasses), y=labels)}.
     *
     * @param labels     the class of every training image
     * @param numClasses number of classes, at least 2
     * @return the weights
     * @throws IllegalArgumentException if a label is out of range or a class has no images (its weight would be
     *                                  infinite; scikit-learn refuses too)
     */
    public static ClassWeights balanced(int[] labels, int numClasses) {
        Objects.requireNonNull(labels, "labels");
        if (numClasses < 2) {
            throw new IllegalArgumentException("class weights need at least 2 classes, got " + numClasses);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("balanced class weights need at least one label, got none");
        }
        long[] counts = new long[numClasses];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("label " + label + " of image " + i + " is outside 0.."
                        + (numClasses - 1));
            }
            counts[label]++;
        }
        double[] w = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("class " + c + " has no images, so its balanced weight would be "
                        + "infinite: remove the class, add images of it, or give the weights yourself with "
                        + "ClassWeights.of(...)");
            }
            w[c] = labels.length / ((double) numClasses * counts[c]);
        }
        return new ClassWeights(w, "balanced");
    }

    /**
     * Balanced weights for a dataset's classes.
     *
     * @param data the training images
     * @return the weights
     * @throws IllegalArgumentException if a class has no images; the message names it
     * @see #balanced(int[], int)
     */
    public static ClassWeights balanced(ImageDataset data) {
        int[] counts = data.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException(data.name() + " has no images of class " + c + " ('"
                        + data.classNames().get(c) + "'), so its balanced weight would be infinite: give the "
                        + "weights yourself with ClassWeights.of(...)");
            }
        }
        return balanced(data.labels(), data.numClasses());
    }

    /**
     * Custom weights.
     *
     * @param weights one weight per class, each finite and {@code >= 0} (0 ignores a class), not all 0
     * @return the weights
     * @throws IllegalArgumentException if there are fewer than 2 or a weight is invalid
     */
    public static ClassWeights of(double... weights) {
        if (weights.length < 2) {
            throw new IllegalArgumentException("give one weight per class, at least 2, got " + weights.length);
        }
        boolean positive = false;
        for (int c = 0; c < weights.length; c++) {
            if (!(weights[c] >= 0) || Double.isInfinite(weights[c])) {
                throw new IllegalArgumentException("the weight of class " + c + " must be a finite number of at "
                        + "least 0, got " + weights[c] + " in " + Arrays.toString(weights));
            }
            positive |= weights[c] > 0;
        }
        if (!positive) {
            throw new IllegalArgumentException("all class weights are 0, so nothing would be learned: "
                    + Arrays.toString(weights));
        }
        return new ClassWeights(weights.clone(), "custom");
    }

    /**
     * @param numClasses number of classes
     * @return weight 1 for every class: the same loss as no weights
     */
    public static ClassWeights uniform(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("class weights need at least 2 classes, got " + numClasses);
        }
        double[] w = new double[numClasses];
        Arrays.fill(w, 1);
        return new ClassWeights(w, "uniform");
    }

    /** @return number of classes */
    public int numClasses() {
        return weights.length;
    }

    /**
     * @param classIndex a class
     * @return its weight
     */
    public double weight(int classIndex) {
        return weights[classIndex];
    }

    /** @return a copy of the weights, by class index */
    public double[] values() {
        return weights.clone();
    }

    /** @return the weights as a {@code 1 × numClasses} float row, as DL4J's loss functions take them */
    public INDArray toRow() {
        return Nd4j.create(weights, new long[] {1, weights.length}, DataType.FLOAT);
    }

    /**
     * Puts the weights into the network's output layer: its cross-entropy loss is replaced by a weighted
     * {@link LossMCXENT}. Training the network afterwards (with the {@link Trainer} or DL4J's {@code fit}) uses the
     * weights; so does its reported score.
     *
     * @param net an initialised network whose output layer is softmax with cross-entropy (MCXENT or negative log
     *            likelihood), with {@link #numClasses()} outputs
     * @throws IllegalArgumentException if the output layer has another loss or another number of classes
     */
    public void applyTo(MultiLayerNetwork net) {
        Objects.requireNonNull(net, "net");
        int last = net.getLayerWiseConfigurations().getConfs().size() - 1;
        Layer layer = net.getLayerWiseConfigurations().getConf(last).getLayer();
        if (!(layer instanceof BaseOutputLayer output)) {
            throw new IllegalArgumentException("class weights go into the output layer's loss, but the network's "
                    + "last layer is a " + layer.getClass().getSimpleName() + ", not an output layer");
        }
        ILossFunction loss = output.getLossFn();
        if (!(loss instanceof LossMCXENT)) {
            throw new IllegalArgumentException("class weights need a cross-entropy output layer (MCXENT or negative "
                    + "log likelihood), but '" + layer.getLayerName() + "' uses " + loss + ". Build the network "
                    + "with LossFunction.MCXENT");
        }
        if (output.getNOut() != weights.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d class weights do not fit the output "
                    + "layer '%s', which has %d classes; give one weight per class", weights.length,
                    layer.getLayerName(), output.getNOut()));
        }
        output.setLossFn(new LossMCXENT(toRow()));
    }

    /**
     * @param net a network
     * @return the class weights in its output layer's loss, if it has any
     */
    public static Optional<ClassWeights> inNetwork(MultiLayerNetwork net) {
        int last = net.getLayerWiseConfigurations().getConfs().size() - 1;
        Layer layer = net.getLayerWiseConfigurations().getConf(last).getLayer();
        if (layer instanceof BaseOutputLayer output && output.getLossFn() instanceof LossMCXENT mcxent
                && mcxent.getWeights() != null) {
            return Optional.of(new ClassWeights(mcxent.getWeights().toDoubleVector(), "network's"));
        }
        return Optional.empty();
    }

    /** @return e.g. {@code balanced [0.55, 0.55, 11.2, ...]} with four significant digits */
    @Override
    public String toString() {
        return kind + " " + IntStream.range(0, weights.length)
                .mapToObj(c -> String.format(Locale.ROOT, "%.4g", weights[c]))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** @return the exact values, for checkpoint fingerprints */
    String exact() {
        return Arrays.toString(weights);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassWeights other && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights);
    }
}
