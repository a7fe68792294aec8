package org.lenetlab.model;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The activation functions the fast layers apply in the same pass that lays out their output, and whose
 * derivative they compute from the activation itself (so backprop needs neither the pre-activation nor a second
 * op): identity, ReLU, tanh and LeCun's scaled tanh. Other activations go through DL4J's {@link IActivation}.
 */
enum FusedActivation {
    /** {@code f(x) = x}, {@code f' = 1}. */
    IDENTITY,
    /** {@code f(x) = max(0, x)}, {@code f' = [f(x) > 0]}. */
    RELU,
    /** {@code f(x) = tanh(x)}, {@code f' = 1 − f²}. */
    TANH,
    /** {@code f(x) = A·tanh(S·x)}, {@code f' = A·S·(1 − (f/A)²)}; see {@link ActivationScaledTanh}. */
    SCALED_TANH;

    /**
     * @param activation a DL4J activation function
     * @return its fused counterpart, or {@code null} if it has none (e.g. a ReLU with a cap or a leak)
     */
    static FusedActivation of(IActivation activation) {
        if (activation instanceof ActivationIdentity) {
            return IDENTITY;
        }
        if (activation instanceof ActivationTanH) {
            return TANH;
        }
        if (activation instanceof ActivationScaledTanh) {
            return SCALED_TANH;
        }
        if (activation instanceof ActivationReLU r && r.getMax() == null
                && (r.getThreshold() == null || r.getThreshold() == 0.0)
                && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0)) {
            return RELU;
        }
        return null;
    }
}
