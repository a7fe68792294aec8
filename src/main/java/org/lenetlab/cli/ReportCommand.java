package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lenetlab.backend.Backend;
import org.lenetlab.data.Datasets;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Normalizer;
import org.lenetlab.data.Split;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.model.LoadedModel;
import org.lenetlab.model.ModelIO;
import org.lenetlab.model.ModelMetadata;
import org.lenetlab.plot.ModelReport;
import org.lenetlab.train.History;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lenet report}: evaluates a saved model on its test split and writes every figure (PNG and SVG) and table
 * (CSV) of a {@link ModelReport}, with an {@code index.html} that shows them.
 */
@Command(name = "report", description = "Write figures (PNG, SVG), tables (CSV) and an index.html for a saved model.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--model-file", required = true, description = "model saved by 'lenet train'")
    Path modelFile;

    @Option(names = "--out", defaultValue = "reports", description = "report directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--dataset", description = "dataset name (default: the one the model was trained on)")
    String dataset;

    @Option(names = "--data-dir", description = "directory holding the dataset's IDX files (optional)")
    Path dataDir;

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
        LoadedModel loaded = ModelIO.load(modelFile, false);
        ModelMetadata metadata = loaded.metadata().orElse(null);
        String name = dataset != null ? dataset : metadata != null ? metadata.dataset() : null;
        if (name == null) {
            throw new IllegalArgumentException(modelFile + " carries no LeNet Lab metadata, so the dataset it was "
                    + "trained on is unknown: pass --dataset (one of " + Datasets.names() + ")");
        }
        ImageDataset test = normalised(Datasets.load(name, Split.TEST, dataDir), metadata);
        ImageDataset train = normalised(Datasets.load(name, Split.TRAIN, dataDir), metadata);
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
        if (metadata != null) {
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

    private static ImageDataset normalised(ImageDataset data, ModelMetadata metadata) {
        if (metadata == null || metadata.normalisation().isIdentity()) {
            return data;
        }
        ModelMetadata.Normalisation n = metadata.normalisation();
        return new Normalizer(Normalizer.Kind.STANDARDIZE, n.offset().stream().mapToDouble(Double::doubleValue)
                .toArray(), n.scale().stream().mapToDouble(Double::doubleValue).toArray()).apply(data);
    }
}
