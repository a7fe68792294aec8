package org.lenetlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.model.ModelIO;

class LenetCommandTest {

    @TempDir
    Path tmp;

    /** Runs the command line, capturing what it prints. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = LenetCommand.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void summaryOfClassicLeNet5() {
        Run r = run("summary", "--arch", "classic");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Total params: 61,706"), r.out());
        assertTrue(r.out().contains("C3 (Conv2D)"), r.out());
    }

    @Test
    void envReportShowsOneDnnOn() {
        Run r = run("env");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("oneDNN   on"), r.out());
    }

    @Test
    void trainEvaluateRoundTripOnTheBundledSample() throws Exception {
        Path model = tmp.resolve("lenet.zip");
        Run train = run("train", "--arch", "classic", "--epochs", "1", "--limit", "600", "--batch", "32",
                "--model-file", model.toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("oneDNN   on"), "environment report first:\n" + train.out());
        assertTrue(train.out().contains("bundled MNIST sample"), "names the data source:\n" + train.out());
        Matcher accuracy = Pattern.compile("Test accuracy: (\\d+\\.\\d+) %").matcher(train.out());
        assertTrue(accuracy.find(), train.out());
        double trainedAccuracy = Double.parseDouble(accuracy.group(1));
        assertTrue(trainedAccuracy > 50, "one epoch on 540 digits already beats chance by far: " + trainedAccuracy);
        assertTrue(Files.isRegularFile(model));
        assertEquals("classic", ModelIO.readMetadata(model).orElseThrow().architecture());
        Path history = tmp.resolve("lenet.history.csv");
        assertTrue(train.out().contains("History saved to " + history.toAbsolutePath()), train.out());
        assertEquals(1, org.lenetlab.train.History.read(history).size(), "one epoch trained");
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "the model and its history, no temporary files");
        }

        Run eval = run("evaluate", "--model-file", model.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("weighted avg"), eval.out());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "Top-1 accuracy %.2f %%",
                trainedAccuracy)), "evaluating the saved model gives the accuracy training reported:\n" + eval.out());
        assertTrue(eval.out().contains("Most confident mistakes:"), eval.out());

        Path reports = tmp.resolve("reports");
        Run report = run("report", "--model-file", model.toString(), "--out", reports.toString(), "--samples", "8");
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains(String.format(java.util.Locale.ROOT, "Accuracy %.2f %%", trainedAccuracy)),
                "the report evaluates the same model:\n" + report.out());
        assertTrue(report.out().contains("history " + history + " (1 epochs)"), report.out());
        for (String file : new String[] {"index.html", "history.png", "history.svg", "confusion_matrix.png",
                "f1_support.png", "mistakes.png", "filters_C1.png", "class_distribution.svg",
                "classification_report.csv", "model_summary.csv"}) {
            assertTrue(Files.isRegularFile(reports.resolve(file)), file);
        }
    }

    @Test
    void badInputGetsAClearMessageAndExitCode() {
        Run unknownArch = run("summary", "--arch", "alexnet");
        assertEquals(1, unknownArch.exitCode());
        assertTrue(unknownArch.err().contains("alexnet") && unknownArch.err().contains("classic"),
                unknownArch.err());

        Run missingModel = run("evaluate", "--model-file", tmp.resolve("nope.zip").toString());
        assertEquals(1, missingModel.exitCode());
        assertTrue(missingModel.err().contains("nope.zip"), missingModel.err());

        Run missingReportModel = run("report", "--model-file", tmp.resolve("gone.zip").toString(), "--out",
                tmp.resolve("r").toString());
        assertEquals(1, missingReportModel.exitCode());
        assertTrue(missingReportModel.err().contains("gone.zip"), missingReportModel.err());

        Run unknownDataset = run("train", "--dataset", "cifar", "--epochs", "1");
        assertEquals(1, unknownDataset.exitCode());
        assertTrue(unknownDataset.err().contains("cifar") && unknownDataset.err().contains("mnist-sample"),
                unknownDataset.err());
    }

    @Test
    void benchRecipesAreCheckedBeforeAnythingRuns() {
        Run unknownRecipe = run("bench", "--peer", "pytorch", "--to-accuracy", "0.904", "--recipe", "rmsprop");
        assertEquals(1, unknownRecipe.exitCode());
        assertTrue(unknownRecipe.err().contains("'rmsprop'") && unknownRecipe.err().contains("adam, nesterov-step"),
                unknownRecipe.err());

        Run withoutTarget = run("bench", "--peer", "pytorch", "--recipe", "nesterov-step");
        assertEquals(1, withoutTarget.exitCode());
        assertTrue(withoutTarget.err().contains("--recipe nesterov-step") && withoutTarget.err().contains(
                "--to-accuracy"), withoutTarget.err());

        Run withoutPeer = run("bench", "--to-accuracy", "0.904");
        assertEquals(1, withoutPeer.exitCode());
        assertTrue(withoutPeer.err().contains("--peer pytorch"), withoutPeer.err());
    }
}
