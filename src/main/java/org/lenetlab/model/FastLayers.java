package org.lenetlab.model;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How a trainer gets the most out of the fast layers ({@link FastConvolution}, {@link FastSubsampling}) while it
 * fits a network: {@link #prepareForTraining} before the first batch, {@link Restore#close()} after the last.
 */
public final class FastLayers {
    private FastLayers() {
    }

    /**
     * Prepares {@code net} for training with {@code fit} on the calling thread:
     * <ul>
     *   <li>switches off the input gradient of each fast convolution and padding layer that has no layer with
     *       parameters before it (LeNet-5's padding layer and C1, KerasLeNet's conv1): {@code fit} never uses the
     *       gradient with respect to the network's input, and computing it would cost as much as the layer's
     *       weight gradient;</li>
     *   <li>gives the network a {@link FastUpdater}, which skips DL4J's per-variable views when nothing is
     *       regularised (it stays: it updates exactly as DL4J's does), and its optimiser a {@link FastStep}, which
     *       subtracts the update from the parameters without an ND4J op;</li>
     *   <li>if the network has fast layers, runs the ND4J ops of this thread on one OpenMP thread: the fast layers
     *       split each batch over threads of their own, and the remaining ops of a small network (dense layers,
     *       loss, updater) are too small to gain from a second thread, which costs a wake-up or a spin per op;
     *       and starts the threads they split batches over, before the first batch rather than during it.</li>
     * </ul>
     *
     * @param net a network about to be trained on this thread
     * @return undoes all but the updater when closed; close it on the same thread when training ends
     */
    public static Restore prepareForTraining(MultiLayerNetwork net) {
        boolean fast = false;
        for (Layer layer : net.getLayers()) {
            fast |= layer instanceof FastConvolutionLayer conv && conv.isFastPath();
            fast |= layer instanceof FastSubsamplingLayer pool && pool.isFastPath();
        }
        Runnable inputGradients = skipFirstInputGradients(net);
        FastUpdater.install(net);
        Runnable dl4jStep = FastStep.install(net);
        NativeOps ops = fast ? NativeOpsHolder.getInstance().getDeviceNativeOps() : null;
        int ompThreads = fast ? ops.ompGetMaxThreads() : 0;
        if (fast) {
            ops.setOmpNumThreads(1);
            ConvThreads.prepare();
        }
        return () -> {
            inputGradients.run();
            dl4jStep.run();
            if (ops != null) {
                ops.setOmpNumThreads(ompThreads);
            }
        };
    }

    /**
     * Switches off the input gradient of each fast convolution and padding layer with no parameters before it.
     *
     * @return switches them on again
     */
    static Runnable skipFirstInputGradients(MultiLayerNetwork net) {
        List<FastConvolutionLayer> switched = new ArrayList<>();
        List<FastZeroPaddingLayer> switchedPadding = new ArrayList<>();
        boolean trainableBefore = false;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof FastConvolutionLayer conv && !trainableBefore && conv.isInputGradientNeeded()) {
                conv.setInputGradientNeeded(false);
                switched.add(conv);
            }
            if (layer instanceof FastZeroPaddingLayer pad && !trainableBefore && pad.isInputGradientNeeded()) {
                pad.setInputGradientNeeded(false);
                switchedPadding.add(pad);
            }
            trainableBefore |= layer.numParams() > 0;
        }
        return () -> {
            switched.forEach(conv -> conv.setInputGradientNeeded(true));
            switchedPadding.forEach(pad -> pad.setInputGradientNeeded(true));
        };
    }

    /**
     * Sets the learning rate of every layer, as {@link MultiLayerNetwork#setLearningRate(double)} does, and keeps
     * the {@link FastUpdater} that {@link #prepareForTraining} installed: DL4J's method rebuilds the network's updater
     * as a plain one (with the same optimiser state), which would silently undo that part of the preparation.
     *
     * @param net a network, prepared for training or not
     * @param learningRate the new learning rate
     */
    public static void setLearningRate(MultiLayerNetwork net, double learningRate) {
        boolean fastUpdater = net.getUpdater(false) instanceof FastUpdater;
        net.setLearningRate(learningRate);
        if (fastUpdater) {
            FastUpdater.install(net);
        }
    }

    /** Undoes {@link #prepareForTraining}. */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }
}
