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
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "only the model file, no temporary files");
        }

        Run eval = run("evaluate", "--model-file", model.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("weighted avg"), eval.out());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "Top-1 accuracy %.2f %%",
                trainedAccuracy)), "evaluating the saved model gives the accuracy training reported:\n" + eval.out());
        assertTrue(eval.out().contains("Most confident mistakes:"), eval.out());
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

        Run unknownDataset = run("train", "--dataset", "cifar", "--epochs", "1");
        assertEquals(1, unknownDataset.exitCode());
        assertTrue(unknownDataset.err().contains("cifar") && unknownDataset.err().contains("mnist-sample"),
                unknownDataset.err());
    }
}
