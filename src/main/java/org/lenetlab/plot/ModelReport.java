package org.lenetlab.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.data.DatasetStatistics;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.io.AtomicFiles;
import org.lenetlab.model.ConnectionTableConvolution;
import org.lenetlab.model.ModelSummary;
import org.lenetlab.train.History;

/**
 * The full set of figures and tables for a trained model, written to one directory with an {@code index.html}
 * that shows them: training history (if known), confusion matrix, F1 against support, predictions and the most
 * confident mistakes, feature maps and learned filters of the convolutions (if the network is given), class
 * distribution, and the tables (classification report, confusion matrix, history, model summary, dataset
 * statistics) as CSV. Every figure is written as PNG and SVG. This is what {@code ./lenet report} runs.
 *
 * <pre>{@code
 * ModelReport.builder(evaluation, test).network(net).history(history).trainData(train).build()
 *         .writeTo(Path.of("reports"));
 * }</pre>
 */
public final class ModelReport {
    /** Images in the prediction and mistake grids unless told otherwise. */
    public static final int DEFAULT_SAMPLES = 24;
    /** Convolutions whose maps and filters are drawn, at most. */
    private static final int MAX_CONV_LAYERS = 3;

    private final ClassificationEvaluation evaluation;
    private final ImageDataset testData;
    private final ImageDataset trainData;
    private final MultiLayerNetwork network;
    private final ModelSummary summary;
    private final History history;
    private final String title;
    private final int samples;

    private ModelReport(Builder b) {
        this.evaluation = b.evaluation;
        this.testData = b.testData;
        this.trainData = b.trainData;
        this.network = b.network;
        this.summary = b.summary;
        this.history = b.history;
        this.title = b.title != null ? b.title
                : evaluation.description().isEmpty() ? "Model report" : "Model report: " + evaluation.description();
        this.samples = b.samples;
    }

    /**
     * @param evaluation the model's evaluation on {@code testData} (from an {@link org.lenetlab.eval.Evaluator})
     * @param testData   the evaluated images, in evaluation order
     * @return a builder for the optional parts
     * @throws IllegalArgumentException if the evaluation is not of {@code testData}
     */
    public static Builder builder(ClassificationEvaluation evaluation, ImageDataset testData) {
        return new Builder(evaluation, testData);
    }

    /**
     * Where {@code ./lenet train} saves the history of a model: next to it, {@code lenet.zip} →
     * {@code lenet.history.csv}.
     *
     * @param modelFile the model zip
     * @return the history file's path
     */
    public static Path historyFileFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return modelFile.resolveSibling(stem + ".history.csv");
    }

    /** Optional parts of a report. */
    public static final class Builder {
        private final ClassificationEvaluation evaluation;
        private final ImageDataset testData;
        private ImageDataset trainData;
        private MultiLayerNetwork network;
        private ModelSummary summary;
        private History history;
        private String title;
        private int samples = DEFAULT_SAMPLES;

        private Builder(ClassificationEvaluation evaluation, ImageDataset testData) {
            this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
            this.testData = Objects.requireNonNull(testData, "testData");
            if (evaluation.size() != testData.size()
                    || !java.util.Arrays.equals(evaluation.actual(), testData.labels())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the evaluation (%d examples) is not of %s (%d images): pass the data it was computed on",
                        evaluation.size(), testData.name(), testData.size()));
            }
        }

        /**
         * @param data the training images, for the class distribution next to the test split
         * @return this builder
         */
        public Builder trainData(ImageDataset data) {
            this.trainData = data;
            return this;
        }

        /**
         * @param net the trained network, for feature maps and filters
         * @return this builder
         */
        public Builder network(MultiLayerNetwork net) {
            this.network = net;
            return this;
        }

        /**
         * @param modelSummary the model's summary, written as a table
         * @return this builder
         */
        public Builder summary(ModelSummary modelSummary) {
            this.summary = modelSummary;
            return this;
        }

        /**
         * @param trainingHistory the training history, for the history figure and table
         * @return this builder
         */
        public Builder history(History trainingHistory) {
            this.history = trainingHistory;
            return this;
        }

        /**
         * @param reportTitle heading of the index page
         * @return this builder
         */
        public Builder title(String reportTitle) {
            this.title = reportTitle;
            return this;
        }

        /**
         * @param count images in the prediction and mistake grids, 1 to 100
         * @return this builder
         */
        public Builder samples(int count) {
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException("samples must be between 1 and 100, got " + count);
            }
            this.samples = count;
            return this;
        }

        /** @return the report */
        public ModelReport build() {
            return new ModelReport(this);
        }
    }

    /** A written figure or table, for the index page. */
    private record Entry(String heading, String file, String html) {
    }

    /**
     * Writes every figure (PNG and SVG), every table (CSV) and {@code index.html} into {@code dir}.
     *
     * @param dir the report directory; created if missing, existing files of the same names are replaced
     * @return the files written, {@code index.html} last
     * @throws IOException if a file cannot be written (files already written stay, none is half-written)
     */
    public List<Path> writeTo(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a directory: pass a directory for the report");
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        List<Entry> figures = new ArrayList<>();
        List<Entry> tables = new ArrayList<>();

        if (history != null && !history.isEmpty()) {
            figure(dir, "history", HistoryChart.of(history, "Training history"), written, figures);
            written.add(Tables.writeCsv(history.toTable(), dir.resolve("history.csv")));
            tables.add(new Entry("Training history", "history.csv", Tables.toHtml(history.toTable())));
        }
        figure(dir, "confusion_matrix", ConfusionMatrixChart.of(evaluation), written, figures);
        figure(dir, "f1_support", F1SupportChart.of(evaluation), written, figures);
        int shown = Math.min(samples, testData.size());
        int[] first = new int[shown];
        for (int i = 0; i < shown; i++) {
            first[i] = i;
        }
        figure(dir, "predictions", SampleGrid.predictions(testData, evaluation, first), written, figures);
        if (evaluation.hasProbabilities() && evaluation.correctCount() < evaluation.size()) {
            figure(dir, "mistakes", SampleGrid.mostConfidentMistakes(testData, evaluation, samples), written,
                    figures);
        }
        if (network != null) {
            int drawn = 0;
            for (int layer = 0; layer < network.getnLayers() && drawn < MAX_CONV_LAYERS; layer++) {
                var conf = network.getLayer(layer).conf().getLayer();
                if (conf instanceof ConvolutionLayer || conf instanceof ConnectionTableConvolution) {
                    String name = conf.getLayerName() == null ? "layer" + layer : conf.getLayerName();
                    String safe = name.replaceAll("[^A-Za-z0-9_-]", "_");
                    FeatureMaps maps = FeatureMaps.activations(network, layer, testData, 0);
                    // Maps of a few pixels (LeNet-5's C5 gives 1×1) show no picture; their filters still do.
                    if (maps.tileHeight() >= 3 && maps.tileWidth() >= 3) {
                        figure(dir, "feature_maps_" + safe, maps, written, figures);
                    }
                    figure(dir, "filters_" + safe, FeatureMaps.filters(network, layer), written, figures);
                    drawn++;
                }
            }
        }
        List<ImageDataset> splits = trainData != null ? List.of(trainData, testData) : List.of(testData);
        figure(dir, "class_distribution", ClassDistributionChart.of(splits), written, figures);

        written.add(evaluation.classificationReport().writeCsv(dir.resolve("classification_report.csv")));
        tables.add(new Entry("Classification report", "classification_report.csv",
                evaluation.classificationReport().toHtml()));
        written.add(evaluation.confusionMatrix().writeCsv(dir.resolve("confusion_matrix.csv")));
        if (evaluation.numClasses() <= 20) {
            tables.add(new Entry("Confusion matrix", "confusion_matrix.csv", evaluation.confusionMatrix().toHtml()));
        } else {
            tables.add(new Entry("Confusion matrix", "confusion_matrix.csv", "<p>(" + evaluation.numClasses()
                    + " classes: see the heat map and the CSV)</p>\n"));
        }
        if (summary != null) {
            written.add(Tables.writeCsv(summary.toTable(), dir.resolve("model_summary.csv")));
            tables.add(new Entry("Model summary", "model_summary.csv", summary.toHtml()));
        }
        for (ImageDataset split : splits) {
            DatasetStatistics stats = DatasetStatistics.of(split);
            String file = "dataset_statistics_" + (split == testData ? "test" : "train") + ".csv";
            written.add(stats.writeCsv(dir.resolve(file)));
            tables.add(new Entry("Dataset statistics: " + split.name(), file,
                    "<p>" + escape(stats.toString()) + "</p>\n" + Tables.toHtml(stats.toTable())));
        }
        written.add(AtomicFiles.writeString(dir.resolve("index.html"), index(figures, tables)));
        return written;
    }

    private static void figure(Path dir, String name, Figure figure, List<Path> written, List<Entry> entries)
            throws IOException {
        written.add(figure.toPng(dir.resolve(name + ".png")));
        written.add(figure.toSvg(dir.resolve(name + ".svg")));
        entries.add(new Entry(figure.title(), name, null));
    }

    private String index(List<Entry> figures, List<Entry> tables) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\nbody{font-family:'DejaVu Sans',sans-serif;"
                        + "margin:2em;color:#222;max-width:1600px}\nimg{max-width:100%;border:1px solid #ddd}\n"
                        + "figure{margin:0 0 2.5em 0}\ntable{margin:0.5em 0 2em 0}\n"
                        + "td,th{border-bottom:1px solid #eee}\n</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        html.append(String.format(Locale.ROOT, "<p>Accuracy <b>%.2f %%</b> on %,d images of %s (%d classes).%s</p>\n",
                100 * evaluation.accuracy(), evaluation.size(), escape(testData.name()), evaluation.numClasses(),
                history == null ? " No training history was given, so there is no history figure." : ""));
        html.append("<h2>Figures</h2>\n");
        for (Entry e : figures) {
            html.append("<figure>\n<img src=\"").append(e.file()).append(".png\" alt=\"").append(escape(e.heading()))
                    .append("\">\n<figcaption>").append(escape(e.heading())).append(" (<a href=\"").append(e.file())
                    .append(".svg\">SVG</a>)</figcaption>\n</figure>\n");
        }
        html.append("<h2>Tables</h2>\n");
        for (Entry e : tables) {
            html.append("<h3>").append(escape(e.heading())).append(" (<a href=\"").append(e.file())
                    .append("\">CSV</a>)</h3>\n").append(e.html());
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
