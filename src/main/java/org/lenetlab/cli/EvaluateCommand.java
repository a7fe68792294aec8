package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lenetlab.backend.Backend;
import org.lenetlab.data.Datasets;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Normalizer;
import org.lenetlab.data.Split;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.eval.Misclassification;
import org.lenetlab.model.LoadedModel;
import org.lenetlab.model.ModelIO;
import org.lenetlab.model.ModelMetadata;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lenet evaluate}: loads a saved model and prints its classification report, confusion matrix, top-k
 * accuracy and most confident mistakes on a test split (seed 002's evaluation script, as a command).
 */
@Command(name = "evaluate", description = "Evaluate a saved model on a test set: report, confusion matrix, mistakes.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model-file", required = true, description = "model saved by 'lenet train'")
    Path modelFile;

    @Option(names = "--dataset", description = "dataset name (default: the one the model was trained on)")
    String dataset;

    @Option(names = "--data-dir", description = "directory holding the dataset's IDX files (optional)")
    Path dataDir;

    @Option(names = "--mistakes", defaultValue = "10",
            description = "how many of the most confident mistakes to list (default: ${DEFAULT-VALUE})")
    int mistakes;

    @Override
    public Integer call() throws IOException {
        System.out.print(Backend.report());
        System.out.println();
        LoadedModel loaded = ModelIO.load(modelFile);
        ModelMetadata metadata = loaded.metadata().orElse(null);
        String name = dataset != null ? dataset : metadata != null ? metadata.dataset() : null;
        if (name == null) {
            throw new IllegalArgumentException(modelFile + " carries no LeNet Lab metadata, so the dataset it was "
                    + "trained on is unknown: pass --dataset (one of " + Datasets.names() + ")");
        }
        ImageDataset test = Datasets.load(name, Split.TEST, dataDir);
        if (metadata != null && !metadata.normalisation().isIdentity()) {
            ModelMetadata.Normalisation n = metadata.normalisation();
            test = new Normalizer(Normalizer.Kind.STANDARDIZE, n.offset().stream().mapToDouble(Double::doubleValue)
                    .toArray(), n.scale().stream().mapToDouble(Double::doubleValue).toArray()).apply(test);
        }
        System.out.println("test " + test);
        System.out.println();
        ClassificationEvaluation evaluation = new Evaluator().evaluate(loaded.network(), test)
                .withDescription(modelFile.getFileName() + " on " + test.name());
        System.out.println(evaluation.classificationReport());
        System.out.println(evaluation.confusionMatrix());
        System.out.printf(Locale.ROOT, "Top-1 accuracy %.2f %%, top-3 accuracy %.2f %%%n", 100 * evaluation.accuracy(),
                100 * evaluation.topKAccuracy(Math.min(3, test.numClasses())));
        System.out.println();
        System.out.println("Most confident mistakes:");
        for (Misclassification m : evaluation.mostConfidentMistakes(mistakes)) {
            System.out.printf(Locale.ROOT, "  image %5d: true %-12s predicted %-12s (%.1f %% sure)%n", m.index(),
                    m.actualName(), m.predictedName(), 100 * m.confidence());
        }
        return 0;
    }
}
