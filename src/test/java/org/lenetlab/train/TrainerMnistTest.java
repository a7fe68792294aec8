package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;

/** End to end on real digits: a small LeNet learns the bundled MNIST sample. */
class TrainerMnistTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void lenetLearnsBundledDigitsInTwoEpochs() {
        ImageDataset train = TestNets.mnist("train", 2000);
        ImageDataset validation = TestNets.mnist("t10k", 500);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        MultiLayerNetwork net = TestNets.lenetLike(42);
        TrainingResult r = new Trainer(TrainingConfig.builder().epochs(2).batchSize(64).seed(1)
                .optimizer(Optimizer.adam(2e-3))
                .listener(new ConsoleProgressBar(new PrintStream(console, true, StandardCharsets.UTF_8), false))
                .build()).fit(net, train, validation);

        History h = r.history();
        System.out.println(h);
        System.out.println(r);
        System.out.printf(Locale.ROOT, "LeNet-like on %d digits: %.0f images/s training, %.1f s in all%n", train.size(),
                r.imagesPerSecond(), r.seconds());
        assertEquals(StopReason.COMPLETED, r.stopReason());
        assertTrue(h.last().valAccuracy() > 0.85, h.toString());
        assertTrue(h.last().valLoss() < h.epoch(1).valLoss() || h.epoch(1).valAccuracy() > 0.9, h.toString());
        String out = console.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\r"), "plain lines when not on a terminal");
        assertTrue(out.contains("Epoch 2/2  32/32  "), out);
        assertTrue(out.contains("Training completed: completed after 2 epochs"), out);
    }
}
