package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Split;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.model.LoadedModel;
import org.lenetlab.plot.ModelReport;
import org.lenetlab.train.History;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lenet report}: evaluates a saved model on its test split and writes every figure (PNG and SVG) and table
 * (CSV) of a {@link ModelReport}, with an {@code index.html} that shows them.
 */
@Command(name = "report", description = "Write figures (PNG, SVG), tables (CSV) and an index.html for a saved model.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    SavedModelOptions model;

    @Option(names = "--out", defaultValue = "reports", description = "report directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--history", description = "training history CSV or JSON (default: <model>.history.csv "
            + "next to the model, as 'lenet train' saves it)")
    Path historyFile;

    @Option(names = "--samples", defaultValue = "24",
            description = "images in the prediction and mistake grids (default: ${DEFAULT-VALUE})")
    int samples;

    @Override
    public Integer call() throws IOException {
        System.out.print(Backend.report());
        System.out.println();
        LoadedModel loaded = model.load();
        Path modelFile = model.modelFile;
        ImageDataset test = model.data(Split.TEST);
        ImageDataset train = model.data(Split.TRAIN);
        System.out.println("test  " + test);
        System.out.println("train " + train + " (class distribution only)");

        Path historyPath = historyFile != null ? historyFile : ModelReport.historyFileFor(modelFile);
        History history = null;
        if (Files.exists(historyPath)) {
            history = History.read(historyPath);
            System.out.println("history " + historyPath + " (" + history.size() + " epochs)");
        } else if (historyFile != null) {
            throw new IllegalArgumentException("history file " + historyFile + " does not exist: pass the "
                    + "<model>.history.csv written by 'lenet train', or leave --history out");
        } else {
            System.out.println("No training history at " + historyPath + ": the report has no history figure. "
                    + "Models trained with 'lenet train' get one saved next to them; or pass --history FILE.");
        }
        ClassificationEvaluation evaluation = new Evaluator().evaluate(loaded.network(), test)
                .withDescription(modelFile.getFileName() + " on " + test.name());
        ModelReport.Builder report = ModelReport.builder(evaluation, test).network(loaded.network())
                .trainData(train).history(history).samples(samples);
        if (loaded.metadata().isPresent()) {
            report.summary(loaded.summary());
        }
        long start = System.nanoTime();
        List<Path> files = report.build().writeTo(out);
        System.out.printf(Locale.ROOT, "%nAccuracy %.2f %% on %,d images. Wrote %d files in %.1f s to %s%n",
                100 * evaluation.accuracy(), test.size(), files.size(), (System.nanoTime() - start) / 1e9,
                out.toAbsolutePath());
        for (Path file : files) {
            System.out.println("  " + file.getFileName());
        }
        System.out.println("Open " + out.resolve("index.html").toAbsolutePath());
        return 0;
    }
}
