package org.lenetlab.model;

import java.nio.file.Path;
import java.util.Optional;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A network read back by {@link ModelIO#load(Path)}, with its LeNet Lab metadata if the file has any (plain DL4J
 * model zips have none).
 *
 * @param file     where it was read from
 * @param network  the network, ready to predict (and to train further, if its updater state was saved)
 * @param metadata what it expects and predicts, if stored
 */
public record LoadedModel(Path file, MultiLayerNetwork network, Optional<ModelMetadata> metadata) {

    /**
     * @return the Keras-style summary
     * @throws IllegalStateException if the file has no metadata (the input size is then unknown)
     */
    public ModelSummary summary() {
        ModelMetadata m = metadata.orElseThrow(() -> new IllegalStateException(file
                + " has no LeNet Lab metadata, so its input size is unknown; use ModelSummary.of(network, input)"));
        return ModelSummary.of(network, m.input()).withTitle(m.architecture());
    }
}
