package org.lenetlab.model;

import java.util.List;
import java.util.Objects;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What a model builder returns: the DL4J configuration and the initialised network made from it, with the
 * architecture name and input size that DL4J configurations do not keep.
 *
 * @param architecture  the architecture's name as the CLI spells it, e.g. {@code classic} (see {@link Architecture})
 * @param input         the image size the network takes
 * @param numClasses    the number of classes it predicts
 * @param configuration the DL4J configuration
 * @param network       the initialised network
 */
public record BuiltModel(String architecture, InputShape input, int numClasses, MultiLayerConfiguration configuration,
                         MultiLayerNetwork network) {
    /**
     * Checks the values.
     *
     * @param architecture see {@link #architecture()}
     * @param input see {@link #input()}
     * @param numClasses see {@link #numClasses()}
     * @param configuration see {@link #configuration()}
     * @param network see {@link #network()}
     */
    public BuiltModel {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(network, "network");
    }

    /** @return the Keras-style layer table with DL4J's shapes and parameter counts */
    public ModelSummary summary() {
        return ModelSummary.of(this);
    }

    /** @return the same layers in the DL4J-free {@link ShapeCalculator} */
    public ShapeCalculator calculator() {
        return Dl4jLayerSpecs.calculator(configuration, input);
    }

    /** @return the number of parameters DL4J allocated */
    public long numParams() {
        return network.numParams();
    }

    /**
     * The metadata to save with this model (see {@link ModelIO}).
     *
     * @param classNames    name of each class, by index; as many as {@link #numClasses()}
     * @param dataset       the dataset it is trained on
     * @param normalisation how pixels are normalised before they reach the network
     * @return the metadata
     */
    public ModelMetadata metadata(List<String> classNames, String dataset, ModelMetadata.Normalisation normalisation) {
        return new ModelMetadata(architecture, input, classNames, dataset, normalisation, java.util.Map.of());
    }
}
