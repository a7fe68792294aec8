package org.lenetlab.model;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
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
    /**
     * The batch size the Adam blocks divide their gradient by while they read it, when {@link #divideByMinibatch}
     * left that to them; 0 when the gradient is already divided.
     */
    private int deferredDivisor;
    /** Whether every block can divide its own gradient: null until first asked (it depends on the configuration). */
    private Boolean blocksDivide;

    private FastUpdater(MultiLayerNetwork net, INDArray state) {
        super(net, state);
        updaterBlocks.replaceAll(block -> new Block(block, this));
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

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                    LayerWorkspaceMgr workspaceMgr) {
        deferredDivisor = 0; // set again by divideByMinibatch, which DL4J calls only for minibatch configurations
        super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
    }

    /**
     * As DL4J's, but when the gradient is the network's own flattened gradient (a {@code MultiLayerNetwork} always
     * passes it as an "external" one) the parameter ranges to divide are the ones worked out once, not made again as
     * new views on every step; and when every block is Adam without regularisation and no layer normalises its
     * gradient (which would come between the division and the update), the blocks divide while they read the
     * gradient: the separate ND4J op cost 1.4 % of a LeNet-5 step, nearly all of it the op's machinery.
     */
    @Override
    protected void divideByMinibatch(boolean isExternal, Gradient gradient, int batchSize) {
        INDArray g = isExternal ? gradient.gradient() : null;
        boolean own = g != null && sameMemory(g, getFlattenedGradientsView());
        if (own && blocksDivide()) {
            deferredDivisor = batchSize;
            return;
        }
        deferredDivisor = 0;
        super.divideByMinibatch(isExternal && !own, gradient, batchSize);
    }

    /** @return whether the blocks divide the network's gradient by the batch size themselves */
    boolean blocksDivide() {
        if (blocksDivide == null) {
            boolean all = !updaterBlocks.isEmpty();
            for (UpdaterBlock block : updaterBlocks) {
                all &= ((Block) block).dividesItself();
            }
            blocksDivide = all;
        }
        return blocksDivide;
    }

    private static boolean sameMemory(INDArray a, INDArray b) {
        return a == b || (b != null && a.length() == b.length() && a.data().address() == b.data().address()
                && a.offset() == b.offset() && Precision.isRowMajor(a) && Precision.isRowMajor(b));
    }

    /** An updater block that skips the regularisation steps of blocks without regularisation. */
    private static final class Block extends UpdaterBlock {
        private final AdamStep adamStep = new AdamStep();
        private final FastUpdater owner;

        Block(UpdaterBlock block, FastUpdater owner) {
            super(block.getParamOffsetStart(), block.getParamOffsetEnd(), block.getUpdaterViewOffsetStart(),
                    block.getUpdaterViewOffsetEnd(), block.getLayersAndVariablesInBlock());
            this.owner = owner;
            setUpdaterView(block.getUpdaterView());
            setGradientView(block.getGradientView());
            setUpdaterViewRequiresInitialization(block.isUpdaterViewRequiresInitialization());
            setGradientUpdater(block.getGradientUpdater());
        }

        /**
         * @return whether this block always takes the {@link AdamStep} path on the network's own gradient, and
         *     DL4J would divide all of its gradient by the batch size, after which nothing else touches it
         */
        boolean dividesItself() {
            if (!adamInJava()) {
                return false;
            }
            for (ParamState p : getLayersAndVariablesInBlock()) {
                Trainable layer = p.getLayer();
                if (layer.numParams() == 0 || !layer.updaterDivideByMinibatch(p.getParamName())
                        || layer.getConfig().getGradientNormalization() != GradientNormalization.None) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Adam on the network's own gradient, with nothing to regularise, as an {@link AdamStep}; anything else
         * as DL4J does it.
         */
        @Override
        public void updateExternalGradient(int iteration, int epoch, INDArray fullNetworkGradientView,
                                           INDArray fullNetworkParamsArray) {
            INDArray block = getGradientView();
            int divisor = owner.deferredDivisor;
            if (!adamInJava() || !ownsBlockOf(fullNetworkGradientView)
                    || getLayersAndVariablesInBlock().get(0).getLayer().numParams() == 0) {
                if (divisor != 0 && block != null) {
                    block.divi(divisor); // not expected (every block qualified), but the division is owed
                }
                super.updateExternalGradient(iteration, epoch, fullNetworkGradientView, fullNetworkParamsArray);
                return;
            }
            AdamUpdater adam = (AdamUpdater) getGradientUpdater();
            Map<String, INDArray> state = adam.getState();
            Adam config = adam.getConfig();
            adamStep.apply(block, state.get(AdamUpdater.M_STATE), state.get(AdamUpdater.V_STATE),
                    config.getLearningRate(iteration, epoch), config.getBeta1(), config.getBeta2(),
                    config.getEpsilon(), iteration, Math.max(1, divisor));
        }

        /** @return whether the block is Adam over single-precision values in one piece, nothing regularised */
        private boolean adamInJava() {
            INDArray block = getGradientView();
            return getGradientUpdater() instanceof AdamUpdater && block != null && block.dataType() == DataType.FLOAT
                    && Precision.isRowMajor(block) && !regularised();
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
