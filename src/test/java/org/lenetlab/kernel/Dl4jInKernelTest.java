package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * DL4J in a kernel whose start-up class path holds it (the course setup): builder chains in DL4J's own style,
 * training with plain DL4J and with the Trainer (live progress), model rendering, interrupting a fit.
 */
class Dl4jInKernelTest {
    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start().awaitReady();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static CellOutcome ok(String code, RecordingSink sink) {
        CellOutcome out = session.execute(code, sink);
        assertTrue(out.ok(), () -> code + "\n→ " + out.error().name() + ": " + out.error().value() + "\n"
                + String.join("\n", out.error().traceback()) + "\n" + sink.stderr());
        return out;
    }

    @Test
    void dl4jBuilderChainWithLeadingDotsTrainsXor() {
        RecordingSink sink = new RecordingSink();
        ok("""
                MultiLayerConfiguration xorConf = new NeuralNetConfiguration.Builder()
                    .seed(42)
                    // Adam learns XOR in a few hundred steps
                    .updater(new org.nd4j.linalg.learning.config.Adam(0.05))
                    .list()
                    .layer(new DenseLayer.Builder().nIn(2).nOut(8)
                        .activation(Activation.TANH)
                        .build())

                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8).nOut(2)   // two classes
                        .activation(Activation.SOFTMAX)
                        .build())
                    .build();
                MultiLayerNetwork xor = new MultiLayerNetwork(xorConf);
                xor.init();
                INDArray x = Nd4j.create(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
                INDArray y = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {0, 1}, {1, 0}});
                double before = xor.score(new DataSet(x, y));
                """, sink);
        CellOutcome out = ok("""
                for (int i = 0; i < 300; i++) {
                    xor.fit(x, y);
                }
                double after = xor.score(new DataSet(x, y));
                after < before / 4
                """, sink);
        assertEquals("true", RecordingSink.text(out.result()));
        CellOutcome predicted = ok("Arrays.toString(xor.predict(x))", sink);
        assertEquals("[0, 1, 1, 0]", RecordingSink.text(predicted.result()));
    }

    @Test
    void leNet5ChainTrainsWithLiveProgressAndRendersItsSummary() {
        RecordingSink sink = new RecordingSink();
        CellOutcome model = ok("""
                BuiltModel lenet = LeNet5.builder()
                    .seed(7)
                    .input(InputShape.MNIST)
                    .build();
                lenet
                """, sink);
        String html = (String) model.result().getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table") && html.contains("61,706"), html);
        assertTrue(RecordingSink.text(model.result()).contains("Total params: 61,706"));

        CellOutcome bare = ok("lenet.network()", sink);
        assertTrue(RecordingSink.text(bare.result()).contains("Total params: 61,706"),
                "a bare network's input size is worked out from its layers: " + RecordingSink.text(bare.result()));

        RecordingSink training = new RecordingSink();
        CellOutcome trained = ok("""
                ImageDataset digits = Mnist.sample(Split.TRAIN).head(320);
                TrainingResult result = new Trainer(TrainingConfig.builder()
                        .epochs(2).batchSize(64).seed(1)
                        .listener(new ConsoleProgressBar(System.out))
                        .build())
                    .fit(lenet.network(), digits);
                result.history()
                """, training);
        List<DisplayData> shown = training.displays();
        assertEquals(1, shown.size(), "one live display per run");
        List<DisplayData> updates = training.updates();
        assertFalse(updates.isEmpty());
        for (DisplayData update : updates) {
            assertEquals(shown.get(0).getDisplayId(), update.getDisplayId());
        }
        DisplayData last = updates.get(updates.size() - 1);
        String text = RecordingSink.text(last);
        assertTrue(text.contains("Epoch 1/2") && text.contains("Epoch 2/2") && text.contains("Training completed"),
                text);
        assertTrue(((String) last.getData(MIMEType.TEXT_HTML)).contains("<table"));
        assertEquals("", training.stdout(), "the console progress bar is replaced by the live display");
        assertTrue(((String) trained.result().getData(MIMEType.TEXT_HTML)).contains("<td"),
                "a History renders as a table");
    }

    @Test
    void interruptingTrainingStopsItAndKeepsTheNetwork() throws Exception {
        ok("""
                BuiltModel slow = LeNet5.builder().seed(3).input(InputShape.MNIST).build();
                ImageDataset many = Mnist.sample(Split.TRAIN);
                """, new RecordingSink());
        RecordingSink sink = new RecordingSink();
        CompletableFuture<CellOutcome> cell = CompletableFuture.supplyAsync(() -> session.execute("""
                new Trainer(TrainingConfig.builder().epochs(50).batchSize(32).build()).fit(slow.network(), many);
                System.out.println("not reached");
                """, sink));
        assertTrue(sink.awaitUpdates(2, 60_000), "training should report batches");
        long t0 = System.nanoTime();
        session.interrupt();
        CellOutcome out = cell.get(30, TimeUnit.SECONDS);
        System.out.printf("Trainer.fit stopped %.0f ms after the interrupt%n", (System.nanoTime() - t0) / 1e6);
        assertEquals("Interrupted", out.error().name());
        assertFalse(sink.stdout().contains("not reached"));
        String progress = RecordingSink.text(sink.updates().get(sink.updates().size() - 1));
        assertTrue(progress.contains("Training interrupted"), progress);
        CellOutcome after = ok("slow.network().output(many.features(0, 2)).rows()", new RecordingSink());
        assertEquals("2", RecordingSink.text(after.result()));
    }

    /**
     * DL4J's own {@code fit} never looks at interrupts; on Java 17–19 the kernel stops it by force after a grace
     * period. Java 20+ has no way to stop library code from outside (no {@code Thread.stop}): there such a fit ends
     * when it ends, and the course's {@code Trainer} (which checks interrupts between batches) is the way to train.
     */
    @Test
    void interruptingAPlainDl4jFitKeepsTheSession() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(CellExecutionControl.canStopBusyLibraryCode(),
                "Java " + Runtime.version().feature() + " cannot stop library code that ignores interrupts");
        ok("""
                MultiLayerNetwork big = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                    .seed(1)
                    .list()
                    .layer(new DenseLayer.Builder().nIn(256).nOut(512).build())
                    .layer(new OutputLayer.Builder().nIn(512).nOut(10).activation(Activation.SOFTMAX).build())
                    .build());
                big.init();
                INDArray bx = Nd4j.rand(512, 256);
                INDArray by = Nd4j.zeros(512, 10);
                by.getColumn(0).assign(1);
                var batches = new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                    new DataSet(bx, by).asList(), 16);
                """, new RecordingSink());
        RecordingSink sink = new RecordingSink();
        CompletableFuture<CellOutcome> cell = CompletableFuture.supplyAsync(() -> session.execute(
                "System.out.println(\"fitting\");\nbig.fit(batches, 100000);", sink));
        assertTrue(sink.awaitStdout("fitting", 60_000));
        Thread.sleep(500);
        long t0 = System.nanoTime();
        session.interrupt();
        CellOutcome out = cell.get(30, TimeUnit.SECONDS);
        System.out.printf("MultiLayerNetwork.fit stopped %.0f ms after the interrupt%n", (System.nanoTime() - t0) / 1e6);
        assertEquals("Interrupted", out.error().name());
        CellOutcome after = ok("big.output(bx).rows()", new RecordingSink());
        assertEquals("512", RecordingSink.text(after.result()));
    }
}
