package org.lenetlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Mnist;
import org.lenetlab.data.Split;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.model.BuiltModel;
import org.lenetlab.model.LeNet5;

import tech.tablesaw.api.Table;

/** The full report: every figure and table on disk, readable, with the evaluation's numbers. */
class ModelReportTest {
    @TempDir
    Path tmp;

    private static ImageDataset test;
    private static BuiltModel model;
    private static ClassificationEvaluation evaluation;

    @BeforeAll
    static void setUp() throws IOException {
        Backend.configure();
        test = Mnist.sample(Split.TEST).head(200);
        model = LeNet5.builder().seed(11).build();
        evaluation = new Evaluator().evaluate(model.network(), test).withDescription("untrained LeNet-5");
    }

    @Test
    void writesEveryFigureAndTable() throws IOException {
        MultiLayerNetwork net = model.network();
        List<Path> files = ModelReport.builder(evaluation, test).network(net).summary(model.summary())
                .history(FigureExportTest.history(4, true).withRestoredEpoch(3)).trainData(Mnist.sample(Split.TRAIN)
                        .head(300)).samples(8).build().writeTo(tmp.resolve("reports"));
        Path dir = tmp.resolve("reports");
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        for (String figure : List.of("history", "confusion_matrix", "f1_support", "predictions", "mistakes",
                "feature_maps_C1", "filters_C1", "feature_maps_C3", "filters_C3", "filters_C5",
                "class_distribution")) {
            assertTrue(names.contains(figure + ".png") && names.contains(figure + ".svg"), figure + " in " + names);
            BufferedImage image = ImageIO.read(dir.resolve(figure + ".png").toFile());
            assertTrue(image.getWidth() >= 480 && image.getHeight() >= 200, figure);
            assertTrue(Pixels.inkedFraction(image) > 0.02, figure + " is not blank");
        }
        assertTrue(!names.contains("feature_maps_C5.png"), "C5's 1×1 maps are no picture");
        assertEquals("index.html", names.get(names.size() - 1));
        String index = Files.readString(dir.resolve("index.html"));
        for (String name : names) {
            if (name.endsWith(".png") || name.endsWith(".csv")) {
                assertTrue(index.contains("\"" + name + "\""), "index links " + name);
            }
        }
        Table report = Table.read().csv(dir.resolve("classification_report.csv").toFile());
        for (int c = 0; c < 10; c++) {
            assertEquals(evaluation.f1(c), report.doubleColumn("f1-score").get(c), 1e-12);
            assertEquals(evaluation.support(c), report.intColumn("support").get(c));
        }
        Table summary = Table.read().csv(dir.resolve("model_summary.csv").toFile());
        assertEquals(61_706L, summary.numberColumn("params").asDoubleColumn().sum(), 1e-9);
        Table stats = Table.read().csv(dir.resolve("dataset_statistics_test.csv").toFile());
        assertEquals(200, (int) stats.numberColumn("count").asDoubleColumn().sum());
        try (Stream<Path> all = Files.list(dir)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no half-written files");
        }
    }

    @Test
    void withoutHistoryOrNetworkTheRestIsWritten() throws IOException {
        List<Path> files = ModelReport.builder(evaluation, test).samples(4).build().writeTo(tmp);
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains("confusion_matrix.png") && !names.contains("history.png")
                && names.stream().noneMatch(n -> n.startsWith("filters")), names.toString());
        assertTrue(Files.readString(tmp.resolve("index.html")).contains("No training history"));
    }

    @Test
    void badInputIsExplained() throws IOException {
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> ModelReport.builder(evaluation, test.head(10)));
        assertTrue(other.getMessage().contains("not of"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelReport.builder(evaluation, test).samples(0));
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        IOException notDir = assertThrows(IOException.class,
                () -> ModelReport.builder(evaluation, test).build().writeTo(file));
        assertTrue(notDir.getMessage().contains("not a directory"), notDir.getMessage());
        assertEquals(Path.of("runs/lenet.history.csv"), ModelReport.historyFileFor(Path.of("runs/lenet.zip")));
        assertEquals(Path.of("model.history.csv"), ModelReport.historyFileFor(Path.of("model")));
    }
}
