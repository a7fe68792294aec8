package org.lenetlab.model;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * DL4J's network updater, minus a cost of its regularisation step: before and after the optimiser runs, each
 * updater block makes a parameter view and a gradient view of every variable (four arrays, each with its shape
 * information and native-memory bookkeeping) and only then looks whether the variable has any L1, L2 or weight
 * decay. For LeNet-5 without weight decay that is 80 arrays a step for nothing: 30 % of a step's Java allocations
 * and 5 % of its time. Blocks here look first and make the views only when some variable in the block is
 * regularised, then regularise exactly as DL4J does. The division of the gradient by the batch size reuses its
 * views of the gradient too, and Adam without regularisation runs as an {@link AdamStep} (the same arithmetic as
 * libnd4j's op, without the op's machinery).
 *
 * <p>It shares the state array (Adam's moments) of the updater it replaces, so training resumes where it was and
 * a saved network holds the same state.
 */
final class FastUpdater extends MultiLayerUpdater {
    private FastUpdater(MultiLayerNetwork net, INDArray state) {
        super(net, state);
        updaterBlocks.replaceAll(Block::new);
    }

    /**
     * Gives {@code net} this updater, with the state of its current one.
     *
     * @param net an initialised network
     */
    static void install(MultiLayerNetwork net) {
        Updater current = net.getUpdater();
        if (current instanceof MultiLayerUpdater plain && !(current instanceof FastUpdater)) {
            net.setUpdater(new FastUpdater(net, plain.getStateViewArray()));
        }
    }

    /**
     * As DL4J's, but when the gradient is the network's own flattened gradient (a {@code MultiLayerNetwork} always
     * passes it as an "external" one) the parameter ranges to divide are the ones worked out once, not made again as
     * new views on every step.
     */
    @Override
    protected void divideByMinibatch(boolean isExternal, Gradient gradient, int batchSize) {
        INDArray g = isExternal ? gradient.gradient() : null;
        boolean own = g != null && sameMemory(g, getFlattenedGradientsView());
        super.divideByMinibatch(isExternal && !own, gradient, batchSize);
    }

    private static boolean sameMemory(INDArray a, INDArray b) {
        return a == b || (b != null && a.length() == b.length() && a.data().address() == b.data().address()
                && a.offset() == b.offset() && Precision.isRowMajor(a) && Precision.isRowMajor(b));
    }

    /** An updater block that skips the regularisation steps of blocks without regularisation. */
    private static final class Block extends UpdaterBlock {
        private final AdamStep adamStep = new AdamStep();

        Block(UpdaterBlock block) {
            super(block.getParamOffsetStart(), block.getParamOffsetEnd(), block.getUpdaterViewOffsetStart(),
                    block.getUpdaterViewOffsetEnd(), block.getLayersAndVariablesInBlock());
            setUpdaterView(block.getUpdaterView());
            setGradientView(block.getGradientView());
            setUpdaterViewRequiresInitialization(block.isUpdaterViewRequiresInitialization());
            setGradientUpdater(block.getGradientUpdater());
        }

        /**
         * Adam on the network's own gradient, with nothing to regularise, as an {@link AdamStep}; anything else
         * as DL4J does it.
         */
        @Override
        public void updateExternalGradient(int iteration, int epoch, INDArray fullNetworkGradientView,
                                           INDArray fullNetworkParamsArray) {
            INDArray block = getGradientView();
            if (!(getGradientUpdater() instanceof AdamUpdater adam) || block == null
                    || block.dataType() != DataType.FLOAT || !Precision.isRowMajor(block) || regularised()
                    || !ownsBlockOf(fullNetworkGradientView)
                    || getLayersAndVariablesInBlock().get(0).getLayer().numParams() == 0) {
                super.updateExternalGradient(iteration, epoch, fullNetworkGradientView, fullNetworkParamsArray);
                return;
            }
            Map<String, INDArray> state = adam.getState();
            Adam config = adam.getConfig();
            adamStep.apply(block, state.get(AdamUpdater.M_STATE), state.get(AdamUpdater.V_STATE),
                    config.getLearningRate(iteration, epoch), config.getBeta1(), config.getBeta2(),
                    config.getEpsilon(), iteration);
        }

        /** @return whether {@code full} is the network gradient this block's view is part of */
        private boolean ownsBlockOf(INDArray full) {
            INDArray block = getGradientView();
            return full != null && full.data().address() == block.data().address()
                    && block.offset() == full.offset() + getParamOffsetStart() && Precision.isRowMajor(full);
        }

        private boolean regularised() {
            for (ParamState p : getLayersAndVariablesInBlock()) {
                List<Regularization> r = p.getLayer().getConfig().getRegularizationByParam(p.getParamName());
                if (r != null && !r.isEmpty()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected void applyRegularizationAllVariables(Regularization.ApplyStep step, int iteration, int epoch,
                                                       boolean externalGradient, INDArray fullNetworkGradientView,
                                                       INDArray fullNetworkParamsArray) {
            if (regularised()) {
                super.applyRegularizationAllVariables(step, iteration, epoch, externalGradient,
                        fullNetworkGradientView, fullNetworkParamsArray);
            }
        }
    }
}
