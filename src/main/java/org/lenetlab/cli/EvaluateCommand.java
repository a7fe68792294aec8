package org.lenetlab.cli;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Split;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.eval.Misclassification;
import org.lenetlab.model.LoadedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lenet evaluate}: loads a saved model and prints its classification report, confusion matrix, top-k
 * accuracy and most confident mistakes on a test split (seed 002's evaluation script, as a command).
 */
@Command(name = "evaluate", description = "Evaluate a saved model on a test set: report, confusion matrix, mistakes.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    SavedModelOptions model;

    @Option(names = "--mistakes", defaultValue = "10",
            description = "how many of the most confident mistakes to list (default: ${DEFAULT-VALUE})")
    int mistakes;

    @Override
    public Integer call() throws IOException {
        System.out.print(Backend.report());
        System.out.println();
        LoadedModel loaded = model.load();
        ImageDataset test = model.data(Split.TEST);
        System.out.println("test " + test);
        System.out.println();
        ClassificationEvaluation evaluation = new Evaluator().evaluate(loaded.network(), test)
                .withDescription(model.modelFile.getFileName() + " on " + test.name());
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
