package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.lenetlab.data.Datasets;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Normalizer;
import org.lenetlab.data.Split;
import org.lenetlab.model.LoadedModel;
import org.lenetlab.model.ModelIO;
import org.lenetlab.model.ModelMetadata;

import picocli.CommandLine.Option;

/**
 * The options of commands that work on a saved model and its dataset ({@code evaluate}, {@code report}): the model
 * file, and the dataset it was trained on unless another is named, normalised the way the model expects.
 */
final class SavedModelOptions {
    @Option(names = "--model-file", required = true, description = "model saved by 'lenet train'")
    Path modelFile;

    @Option(names = "--dataset", description = "dataset name (default: the one the model was trained on)")
    String dataset;

    @Option(names = "--data-dir", description = "directory holding the dataset's IDX files (optional)")
    Path dataDir;

    /** The loaded model, read once by {@link #load()}. */
    private LoadedModel loaded;

    /**
     * @return the model, read from {@code --model-file} on first call
     * @throws IOException if the file is missing or is not a model
     */
    LoadedModel load() throws IOException {
        if (loaded == null) {
            loaded = ModelIO.load(modelFile, false);
        }
        return loaded;
    }

    /**
     * @param split which part of the dataset
     * @return that split of the model's dataset, normalised as the model was trained
     * @throws IOException if the dataset cannot be loaded
     * @throws IllegalArgumentException if no dataset is named and the model does not say which it was trained on
     */
    ImageDataset data(Split split) throws IOException {
        ModelMetadata metadata = load().metadata().orElse(null);
        String name = dataset != null ? dataset : metadata != null ? metadata.dataset() : null;
        if (name == null) {
            throw new IllegalArgumentException(modelFile + " carries no LeNet Lab metadata, so the dataset it was "
                    + "trained on is unknown: pass --dataset (one of " + Datasets.names() + ")");
        }
        ImageDataset data = Datasets.load(name, split, dataDir);
        if (metadata == null || metadata.normalisation().isIdentity()) {
            return data;
        }
        ModelMetadata.Normalisation n = metadata.normalisation();
        return new Normalizer(Normalizer.Kind.STANDARDIZE, n.offset().stream().mapToDouble(Double::doubleValue)
                .toArray(), n.scale().stream().mapToDouble(Double::doubleValue).toArray()).apply(data);
    }
}
