package org.lenetlab.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * LeCun's scaled hyperbolic tangent, {@code f(x) = A·tanh(S·x)} with {@code A = 1.7159} and {@code S = 2/3}
 * (LeCun et al. 1998, Appendix A; LeCun et al., "Efficient BackProp", 1998).
 *
 * <p>The constants make {@code f(±1) = ±1}, so unit-variance inputs give roughly unit-variance outputs, and put
 * the maximum of the second derivative at {@code x = ±1}; the gain near 0 is {@code A·S ≈ 1.14}. The derivative
 * is {@code f'(x) = A·S·(1 − tanh²(S·x))}.
 *
 * <p>A DL4J activation function like any built-in one: use it with {@code .activation(new ActivationScaledTanh())};
 * networks using it save and load with {@code ModelSerializer} (the class name is stored in the JSON
 * configuration).
 */
public class ActivationScaledTanh extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    /** The amplitude A: outputs lie in (−A, A). */
    public static final double AMPLITUDE = 1.7159;
    /** The slope S applied to the input. */
    public static final double SLOPE = 2.0 / 3.0;

    /** Creates the activation (it has no settings). */
    public ActivationScaledTanh() {
    }

    /**
     * @param x an input
     * @return {@code A·tanh(S·x)}, for checking by hand
     */
    public static double value(double x) {
        return AMPLITUDE * Math.tanh(SLOPE * x);
    }

    /**
     * @param x an input
     * @return {@code A·S·(1 − tanh²(S·x))}
     */
    public static double derivative(double x) {
        double t = Math.tanh(SLOPE * x);
        return AMPLITUDE * SLOPE * (1 - t * t);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        Transforms.tanh(in.muli(SLOPE), false);
        return in.muli(AMPLITUDE);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        // TanhDerivative writes epsilon · (1 − tanh²(S·x)) over its first argument, S·x
        Nd4j.getExecutioner().execAndReturn(new TanhDerivative(in.muli(SLOPE), epsilon, in));
        in.muli(AMPLITUDE * SLOPE);
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationScaledTanh;
    }

    @Override
    public int hashCode() {
        return ActivationScaledTanh.class.hashCode();
    }

    /** @return {@code scaledtanh} */
    @Override
    public String toString() {
        return "scaledtanh";
    }
}
