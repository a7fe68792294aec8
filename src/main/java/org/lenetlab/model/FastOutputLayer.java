package org.lenetlab.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The computation of a {@link FastOutput}: for softmax with cross-entropy ({@code MCXENT} or negative log
 * likelihood, with or without class weights), one training step's output layer is one forward product
 * ({@link GemmDense}), softmax, loss and its gradient in one pass over the batch ({@link SoftmaxCrossEntropy}), and
 * the backward products. DL4J's own output layer computes the forward product three times per step (for the
 * gradient, for the score and again in the loss) with about twenty ND4J ops.
 *
 * <p>The score of a step is computed with its gradient and handed to the {@code computeScore} call that follows
 * for the same input and labels. Predictions ({@code activate}) are one product and a softmax. Other activations or
 * losses, label masks and half precision compute exactly as DL4J's own implementation does.
 */
public class FastOutputLayer extends OutputLayer {
    private final transient GemmDense engine;
    /** The summed loss of the last backprop, for the score of the same input and labels; NaN when none. */
    private transient double pendingLoss = Double.NaN;
    private transient INDArray pendingInput;
    private transient INDArray pendingLabels;
    /** Correct predictions of the last fast backprop, or −1. */
    private transient long trainingHits = -1;

    /**
     * @param conf     the layer's configuration (its layer is a {@link FastOutput})
     * @param dataType the network's floating-point type
     */
    public FastOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        DirectSgemm.preloadInBackground();
        this.engine = dataType == DataType.FLOAT || dataType == DataType.DOUBLE
                ? new GemmDense(Precision.of(dataType), layerConf().getLayerName()) : null;
    }

    /** @return whether this step computes on the fast path: softmax with cross-entropy, no mask */
    private boolean fast() {
        return fastSoftmax() && layerConf().getLossFn() instanceof LossMCXENT;
    }

    /** @return whether the forward pass computes on the fast path: a softmax output, no mask */
    private boolean fastSoftmax() {
        return engine != null && maskArray == null && layerConf().getActivationFn() instanceof ActivationSoftmax;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fastSoftmax()) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        INDArray out = logits(training, false, ArrayType.ACTIVATIONS, workspaceMgr);
        double[] probabilities = read(out);
        SoftmaxCrossEntropy.softmax(probabilities, (int) out.size(0), (int) out.size(1));
        write(probabilities, out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        pendingLoss = Double.NaN;
        trainingHits = -1;
        if (!fast() || labels == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray logits = logits(true, true, ArrayType.BP_WORKING_MEM, workspaceMgr);
        int rows = (int) logits.size(0);
        int classes = (int) logits.size(1);
        requireLabelShape(rows, classes);
        double[] probabilities = read(logits);
        SoftmaxCrossEntropy.softmax(probabilities, rows, classes);
        double[] targets = read(labels);
        LossMCXENT loss = (LossMCXENT) layerConf().getLossFn();
        double[] weights = loss.getWeights() == null ? null : loss.getWeights().toDoubleVector();
        double[] delta = new double[rows * classes];
        SoftmaxCrossEntropy.gradient(probabilities, targets, weights, rows, classes, delta);
        INDArray deltaArray = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, logits.shape(),
                'c');
        write(delta, deltaArray);

        INDArray in = input.castTo(dataType);
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, in.shape(), 'c');
        engine.backward(in, w, deltaArray, weightGrad, biasGrad, epsNext);

        pendingLoss = SoftmaxCrossEntropy.loss(probabilities, targets, weights, rows, classes,
                loss.getSoftmaxClipEps());
        trainingHits = SoftmaxCrossEntropy.hits(probabilities, targets, rows, classes, dataType == DataType.FLOAT);
        pendingInput = input;
        pendingLabels = labels;
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        if (biasGrad != null) {
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        // weight noise is kept for the score, as DL4J's output layer does; the network clears it
        return new Pair<>(gradient, backpropDropOutIfPresent(epsNext));
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fast() || input == null || labels == null) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        double summed = pendingLoss;
        boolean pending = !Double.isNaN(summed) && training && input == pendingInput && labels == pendingLabels;
        pendingLoss = Double.NaN;
        pendingInput = null;
        pendingLabels = null;
        if (!pending) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        double s = summed;
        if (conf().isMiniBatch()) {
            s /= getInputMiniBatchSize();
        }
        score = s + fullNetRegTerm;
        return score;
    }

    /**
     * The training accuracy of the last step at no extra cost: how many examples the forward pass of the last
     * {@code backpropGradient} classified correctly (its dropout applied, before the update), counted as
     * {@code argMax(activate(true)) == argMax(labels)} on the layer's output type would count them.
     *
     * @return correct predictions of the last training step, or −1 when that step did not run on the fast path
     */
    public long lastTrainingHits() {
        return trainingHits;
    }

    @Override
    public void clear() {
        super.clear();
        pendingLoss = Double.NaN;
        trainingHits = -1;
        pendingInput = null;
        pendingLabels = null;
        if (engine != null) {
            engine.release();
        }
    }

    /**
     * The product of the (dropped-out) input and the weights, plus bias: {@code [rows, classes]} logits in a new
     * array of {@code type}; the engine keeps its state for backprop when {@code keep}.
     */
    private INDArray logits(boolean training, boolean keep, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = input.castTo(dataType);
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray out = workspaceMgr.createUninitialized(type, dataType, new long[] {in.size(0), w.size(1)}, 'c');
        engine.forward(in, w, bias(training, workspaceMgr), FusedActivation.IDENTITY, keep, out);
        return out;
    }

    /** @return an array's values in row-major order, as doubles */
    private double[] read(INDArray array) {
        Precision p = engine.precision();
        int n = (int) array.length();
        Object values = p.newArray(n);
        p.get(p.view(p.viewableCopy(array)), 0, values, 0, n);
        double[] out = new double[n];
        p.toDoubles(values, out, n);
        return out;
    }

    /** Writes {@code values} into a viewable array of this layer's precision. */
    private void write(double[] values, INDArray array) {
        Precision p = engine.precision();
        Object converted = p.newArray(values.length);
        p.fromDoubles(values, converted, values.length);
        p.put(p.view(array), 0, converted, 0, values.length);
    }

    private void requireLabelShape(int rows, int classes) {
        if (labels.rank() != 2 || labels.size(0) != rows || labels.size(1) != classes) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "Output layer '%s' has %d classes and got %d inputs, but the labels have shape %s; give one "
                            + "row of %d class values per example", layerConf().getLayerName(), classes, rows,
                    java.util.Arrays.toString(labels.shape()), classes));
        }
    }

    private INDArray bias(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return hasBias() ? getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
    }
}
