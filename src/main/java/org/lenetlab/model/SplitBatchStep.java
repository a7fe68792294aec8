package org.lenetlab.model;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training step on two threads: each batch is split into two equal halves, the calling thread fits the network on
 * the first while a second thread computes the gradient of the second on a twin network that shares the
 * parameters, and the network's step then uses the mean of the two gradients: the gradient of the whole batch.
 *
 * <p>The step is DL4J's own {@code fit} on the first half (its listeners, iteration count, updater, step function
 * and constraints). A listener joins in where DL4J calls {@code onGradientCalculation}, between the gradient and the
 * updater: it waits for the twin, replaces the network's gradient by {@code (g₁ + g₂) / 2} and its score by the mean
 * of the two. DL4J then divides by its batch size, the half, so the update is {@code (g₁ + g₂) / B}, the whole
 * batch's (halving and the division by a power of two are exact in floating point; only the order of the sum
 * changes).
 *
 * <p>Why: the fast layers' own sections rarely pay on a second thread for LeNet-5 (a section is a few hundred
 * microseconds, see {@link ParallelChoice}), whereas two half-batch passes need one hand-over per step. Measured on a
 * 2-vCPU VM whose vCPUs share one core, passes of 50 batches alternated in one process: two halves in 0.77–0.84 of
 * the time of one thread doing the same steps (median of 30 pairs); through the {@code Trainer}, the third epoch of a
 * run 21–32 % faster than at one thread.
 *
 * <p>The halves pay only when the other core is free. While the JIT compiler is busy (the first few hundred steps
 * of a run), batches train with {@code fit} on one thread and leave the compiler the other core, as the fast
 * layers' sections do ({@link CompilerActivity}); one step in {@value ParallelChoice#TRIAL_EVERY} still runs as the
 * choice below says, so that the JIT compiles the code of both ways ({@link ParallelChoice#trialWhileCompilerBusy}).
 * Beyond that, the step measures as training goes whether the halves are faster than the whole batch on one thread
 * ({@link ParallelChoice}): while the compiler still works now and then, or another process uses the other core,
 * they are not. With the compiler watch alone, halves ran whenever it saw the compiler quiet, and on this course's
 * 2-vCPU VM the first epoch of a fresh JVM at two threads was slower than at one in most runs.
 *
 * <p>Only for networks where the halves give the same update as the whole batch: fast layers only (no batch
 * normalisation, whose statistics are per batch), no dropout or weight noise (their masks come from each thread's
 * own random generator), standard backprop, and batches of an even size without masks. Anything else trains with
 * {@code fit} as usual.
 */
public final class SplitBatchStep implements AutoCloseable {
    /** Halves smaller than this are not worth a hand-over. */
    static final int MIN_HALF = 8;
    /**
     * How long the second thread spins for the next half batch, and the first for the second's gradient, before they
     * park: longer than the first thread's work between two hand-overs (updater, step, next batch; under a
     * millisecond for LeNet-5), so that neither waits for a wake-up on the other vCPU.
     */
    static final long SPIN_NANOS = 2_000_000;

    private final MultiLayerNetwork net;
    private final MultiLayerNetwork twin;
    private final SpinningWorker second;
    private final Joiner joiner = new Joiner();
    /** Whether the second thread works on a half whose gradient has not been joined yet. */
    private boolean pending;
    private long twinHits = -1;
    private final FloatPair gradients = new FloatPair();
    /** Whether the halves pay, by batch size. */
    private final ParallelChoice.BySize choices = new ParallelChoice.BySize();

    private SplitBatchStep(MultiLayerNetwork net) {
        this.net = net;
        this.twin = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
        twin.init(net.params(), false); // the same parameter memory: the twin reads what the network updates
        this.second = new SpinningWorker("lenetlab-split-batch", SPIN_NANOS);
        second.submit(i -> {
            // this thread is the second one: its sections run on it alone
            ConvThreads.serialOnThisThread(true);
            FastLayers.skipFirstInputGradients(twin);
        }, 0);
        try {
            awaitSecond();
        } catch (RuntimeException | Error e) {
            second.finish();
            throw e;
        }
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(joiner); // first: the others see the whole batch's gradient and score
        listeners.addAll(net.getListeners());
        net.setListeners(listeners);
    }

    /**
     * @param net a network about to be trained on the calling thread
     * @return a split step for it, or null when it trains as usual (one thread, or a network whose halves would not
     *     give the whole batch's update)
     */
    public static SplitBatchStep forNetwork(MultiLayerNetwork net) {
        if (ConvThreads.available() < 2 || net.numParams() == 0
                || net.getLayerWiseConfigurations().getBackpropType() != BackpropType.Standard
                || !(net.getOutputLayer() instanceof FastOutputLayer)) {
            return null;
        }
        for (Layer layer : net.getLayers()) {
            boolean fast = layer instanceof FastConvolutionLayer || layer instanceof FastSubsamplingLayer
                    || layer instanceof FastDenseLayer || layer instanceof FastOutputLayer
                    || layer instanceof FastZeroPaddingLayer;
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            boolean noise = conf.getIDropout() != null
                    || conf instanceof BaseLayer base && base.getWeightNoise() != null;
            if (!fast || noise) {
                return null;
            }
        }
        return new SplitBatchStep(net);
    }

    /**
     * Trains the network one step on {@code batch}: split over the two threads where the batch can be split and the
     * halves pay, else with the network's own {@code fit}.
     *
     * @param batch features and labels
     * @return whether the batch was split (batches of an odd size, too small or with masks never are)
     */
    public boolean fit(DataSet batch) {
        twinHits = -1;
        INDArray x = batch.getFeatures();
        INDArray y = batch.getLabels();
        long size = x.size(0);
        if (size % 2 != 0 || size < 2L * MIN_HALF || batch.getFeaturesMaskArray() != null
                || batch.getLabelsMaskArray() != null || y.rank() != 2) {
            net.fit(batch);
            return false;
        }
        return ConvThreads.runAsChosen(2, choices.of(size), halves -> {
            if (halves) {
                fitHalves(x, y, size);
            } else {
                net.fit(batch);
            }
        });
    }

    private void fitHalves(INDArray x, INDArray y, long size) {
        long half = size / 2;
        INDArray x2 = rows(x, half, size);
        INDArray y2 = rows(y, half, size);
        second.submit(i -> {
            twin.setInput(x2);
            twin.setLabels(y2);
            twin.computeGradientAndScore();
            twinHits = ((FastOutputLayer) twin.getOutputLayer()).lastTrainingHits();
        }, 0);
        pending = true;
        ConvThreads.serialOnThisThread(true);
        boolean fitted = false;
        try {
            net.fit(rows(x, 0, half), rows(y, 0, half));
            fitted = true;
        } finally {
            ConvThreads.serialOnThisThread(false);
            boolean left = pending;
            pending = false;
            if (left && !fitted) {
                // fit failed before the join: let the twin finish before anyone reuses the batch, and report fit's
                // failure, the first one
                try {
                    awaitSecond();
                } catch (RuntimeException | Error ignored) {
                    // the same input fails on both halves
                }
            } else if (left) {
                awaitSecond();
                throw new IllegalStateException("the network trained on half of the batch: the listener that joins "
                        + "the second half was taken off the network during training");
            }
        }
    }

    /** @return correct predictions of the second half in the last split step, or −1 when unknown */
    public long secondHalfHits() {
        return twinHits;
    }

    /** Stops the second thread and takes the joining listener off the network. */
    @Override
    public void close() {
        List<TrainingListener> listeners = new ArrayList<>(net.getListeners());
        listeners.remove(joiner);
        net.setListeners(listeners);
        second.finish();
    }

    /**
     * Rows {@code [from, to)} of a batch, as a view made directly from the array's buffer, shape and strides. ND4J's
     * general indexing ({@code get(NDArrayIndex...)}) did the same, but it is a large method: the JIT compiler spent
     * 0.8 s compiling it (three times) when split steps began, and held the second thread off meanwhile.
     */
    static INDArray rows(INDArray a, long from, long to) {
        long[] shape = a.shape().clone(); // (ND4J may hand out its own array)
        shape[0] = to - from;
        return Nd4j.create(a.data(), shape, a.stride(), a.offset() + from * a.stride(0), a.ordering());
    }

    /** Waits for the second thread's task even when interrupted (the interrupt is kept), and rethrows its failure. */
    private void awaitSecond() {
        if (second.awaitDone()) {
            Thread.currentThread().interrupt();
        }
        SpinningWorker.rethrow(second.failure(), "the second half of the batch");
    }

    /** Joins the twin's gradient and score into the network's, where DL4J asks its listeners after the gradient. */
    private final class Joiner extends BaseTrainingListener {
        @Override
        public void onGradientCalculation(Model model) {
            if (model != net || !pending) {
                return;
            }
            pending = false;
            awaitSecond();
            INDArray g = net.getFlattenedGradients();
            INDArray g2 = twin.getFlattenedGradients();
            meanInto(g, g2);
            net.setScore((net.score() + twin.score()) / 2);
        }
    }

    /** {@code a = (a + b) / 2}. */
    private void meanInto(INDArray a, INDArray b) {
        if (!gradients.read(a, b, Integer.MAX_VALUE)) {
            a.addi(b.reshape(a.shape())).muli(0.5);
            return;
        }
        float[] mine = gradients.first;
        float[] theirs = gradients.second;
        for (int i = 0, n = gradients.length(); i < n; i++) {
            mine[i] = (mine[i] + theirs[i]) * 0.5f;
        }
        gradients.writeFirst();
    }
}
