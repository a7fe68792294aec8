package org.lenetlab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/**
 * Reads a DL4J network configuration into {@link ShapeCalculator} layers, looking only at hyperparameters
 * (kernel sizes, strides, padding, filter and unit counts), never at DL4J's own shape or parameter arithmetic.
 * That is what lets the tests check the calculator against DL4J.
 *
 * <p>Understood: convolutions (2-D, dilation 1), {@link ConnectionTableConvolution}, max/average pooling, zero
 * padding, dense and output layers, batch normalisation, dropout layers, frozen wrappers of these, and DL4J's
 * automatic CNN-to-dense flattening (read as a {@code Flatten} layer named {@value #FLATTEN_NAME}). Anything
 * else is refused with a message naming the layer.
 */
public final class Dl4jLayerSpecs {
    /** The name given to the flatten step that DL4J inserts before the first dense layer. */
    public static final String FLATTEN_NAME = "flatten";

    private Dl4jLayerSpecs() {
    }

    /**
     * @param configuration a DL4J multi-layer configuration
     * @return its layers in order, with a {@code Flatten} where DL4J flattens images for a dense layer
     * @throws IllegalArgumentException for a layer or preprocessor the calculator does not model
     */
    public static List<LayerSpec> read(MultiLayerConfiguration configuration) {
        List<LayerSpec> specs = new ArrayList<>();
        for (int i = 0; i < configuration.getConfs().size(); i++) {
            InputPreProcessor pre = configuration.getInputPreProcess(i);
            if (pre != null) {
                specs.add(preProcessor(pre, configuration.getConf(i).getLayer()));
            }
            specs.add(layer(configuration.getConf(i).getLayer()));
        }
        return specs;
    }

    /**
     * @param configuration a DL4J multi-layer configuration
     * @param input         the image size it is fed
     * @return a calculator holding its layers
     * @throws IllegalArgumentException for a layer the calculator does not model or that cannot take its input
     */
    public static ShapeCalculator calculator(MultiLayerConfiguration configuration, InputShape input) {
        return ShapeCalculator.of(input.toTensorShape(), read(configuration));
    }

    /**
     * @param layer one DL4J layer configuration
     * @return the same layer as a calculator layer
     * @throws IllegalArgumentException if the calculator does not model it
     */
    public static LayerSpec layer(Layer layer) {
        if (layer instanceof FrozenLayer frozen) {
            return layer(frozen.getLayer());
        }
        if (layer instanceof FrozenLayerWithBackprop frozen) {
            return layer(frozen.getUnderlying());
        }
        String name = layer.getLayerName();
        if (layer.getClass() == ConvolutionLayer.class || layer.getClass() == Convolution2D.class
                || layer.getClass() == FastConvolution.class) {
            ConvolutionLayer c = (ConvolutionLayer) layer;
            requireNoDilation(c.getDilation(), layer);
            return new LayerSpec.Conv(name, (int) c.getNOut(), c.getKernelSize()[0], c.getKernelSize()[1],
                    c.getStride()[0], c.getStride()[1], padding(c.getConvolutionMode(), c.getPadding(), layer),
                    c.hasBias());
        }
        if (layer instanceof ConnectionTableConvolution c) {
            return new LayerSpec.PartialConv(name, c.connectionTable(), c.getKernelSize()[0], c.getKernelSize()[1]);
        }
        if (layer.getClass() == SubsamplingLayer.class || layer.getClass() == FastSubsampling.class) {
            SubsamplingLayer s = (SubsamplingLayer) layer;
            requireNoDilation(s.getDilation(), layer);
            LayerSpec.PoolType type;
            if (s.getPoolingType() == PoolingType.MAX) {
                type = LayerSpec.PoolType.MAX;
            } else if (s.getPoolingType() == PoolingType.AVG) {
                type = LayerSpec.PoolType.AVG;
            } else {
                throw unsupported(layer, s.getPoolingType() + " pooling");
            }
            return new LayerSpec.Pool(name, type, s.getKernelSize()[0], s.getKernelSize()[1], s.getStride()[0],
                    s.getStride()[1], padding(s.getConvolutionMode(), s.getPadding(), layer));
        }
        if (layer instanceof ZeroPaddingLayer z) {
            int[] p = z.getPadding();
            return new LayerSpec.ZeroPad(name, p[0], p[1], p[2], p[3]);
        }
        if (layer instanceof BatchNormalization bn) {
            if (bn.isLockGammaBeta()) {
                throw unsupported(layer, "batch normalisation with locked γ and β");
            }
            return new LayerSpec.BatchNorm(name);
        }
        if (layer instanceof DropoutLayer d) {
            return new LayerSpec.Dropout(name, dropRate(d.getIDropout(), layer));
        }
        if (layer.getClass() == OutputLayer.class || layer.getClass() == FastOutput.class) {
            BaseOutputLayer o = (BaseOutputLayer) layer;
            return o.hasBias() ? new LayerSpec.Output(name, (int) o.getNOut())
                    : new LayerSpec.Dense(name, (int) o.getNOut(), false);
        }
        if (layer.getClass() == DenseLayer.class || layer.getClass() == FastDense.class) {
            DenseLayer d = (DenseLayer) layer;
            return new LayerSpec.Dense(name, (int) d.getNOut(), d.hasBias());
        }
        throw unsupported(layer, "a " + layer.getClass().getSimpleName());
    }

    /**
     * @param type a DL4J activation type
     * @return the same shape for the calculator
     * @throws IllegalArgumentException for types other than CNN (channels-first) and feed-forward
     */
    public static TensorShape shapeOf(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return TensorShape.image((int) c.getChannels(), (int) c.getHeight(), (int) c.getWidth());
        }
        if (type instanceof InputType.InputTypeFeedForward f) {
            return TensorShape.vector((int) f.getSize());
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat f) {
            return TensorShape.vector((int) f.getFlattenedSize());
        }
        throw new IllegalArgumentException("The calculator models image and vector activations, not " + type);
    }

    private static LayerSpec preProcessor(InputPreProcessor pre, Layer before) {
        if (pre instanceof CnnToFeedForwardPreProcessor) {
            return new LayerSpec.Flatten(FLATTEN_NAME);
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The input preprocessor %s before layer '%s' is not modelled by the ShapeCalculator; it understands "
                        + "only the CNN-to-dense flattening", pre.getClass().getSimpleName(), before.getLayerName()));
    }

    private static Padding padding(ConvolutionMode mode, int[] padding, Layer layer) {
        if (mode == ConvolutionMode.Same) {
            return Padding.SAME;
        }
        if (mode == ConvolutionMode.Causal) {
            throw unsupported(layer, "causal padding");
        }
        return Padding.explicit(padding[0], padding[1]);
    }

    private static void requireNoDilation(int[] dilation, Layer layer) {
        if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) {
            throw unsupported(layer, "dilation " + dilation[0] + "×" + dilation[1]);
        }
    }

    private static double dropRate(IDropout dropout, Layer layer) {
        if (dropout == null) {
            return 0;
        }
        if (dropout instanceof Dropout d && d.getPSchedule() == null) {
            return 1 - d.getP(); // DL4J stores the probability of keeping a value
        }
        throw unsupported(layer, "a " + dropout.getClass().getSimpleName() + " dropout");
    }

    private static IllegalArgumentException unsupported(Layer layer, String what) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "Layer '%s' uses %s, which the ShapeCalculator does not model. It understands 2-D convolutions "
                        + "(dilation 1), partial convolutions, max/average pooling, zero padding, dense, output, "
                        + "batch norm and dropout layers.", layer.getLayerName(), what));
    }
}
