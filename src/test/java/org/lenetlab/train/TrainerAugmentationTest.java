package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.augment.Augmentation;
import org.lenetlab.augment.AugmentationChain;
import org.lenetlab.augment.RandomTranslation;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;

/**
 * Augmentation in the trainer: only training images are augmented (validation never), a seeded run is
 * reproducible to the bit, a resumed run ends with the weights of an uninterrupted one, and the setting is part of
 * the checkpoint fingerprint.
 */
class TrainerAugmentationTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    /** Counts the images it sees; leaves them unchanged. */
    private static final class Counting implements Augmentation {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void apply(float[] image, int channels, int height, int width, SplittableRandom random) {
            calls.incrementAndGet();
        }

        @Override
        public String toString() {
            return "counting";
        }
    }

    @Test
    void onlyTrainingImagesAreAugmented() {
        ImageDataset train = TestNets.bars(30, 1);
        ImageDataset validation = TestNets.bars(21, 2);
        Counting counting = new Counting();
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(8).augmentation(counting).build();
        new Trainer(config).fit(TestNets.tinyNet(3, 1.0), train, validation);
        assertEquals(3 * train.size(), counting.calls.get(), "every training image once per epoch, no validation");
        assertEquals("counting", config.fingerprint().get("augmentation"));
        assertFalse(TrainingConfig.builder().build().fingerprint().containsKey("augmentation"));
    }

    @Test
    void augmentedRunsAreReproducibleAndDifferFromPlainRuns() {
        ImageDataset train = TestNets.bars(48, 4);
        AugmentationChain chain = AugmentationChain.of(new RandomTranslation(0.2));
        TrainingConfig config = TrainingConfig.builder().epochs(2).batchSize(16).seed(5).augmentation(chain).build();
        MultiLayerNetwork a = new Trainer(config).fit(TestNets.tinyNet(1, 1.0), train).network();
        MultiLayerNetwork b = new Trainer(config).fit(TestNets.tinyNet(1, 1.0), train).network();
        assertEquals(a.params(), b.params(), "same seed, same augmented images, same weights");
        TrainingConfig plain = config.toBuilder().augmentation(null).build();
        MultiLayerNetwork c = new Trainer(plain).fit(TestNets.tinyNet(1, 1.0), train).network();
        assertNotEquals(a.params(), c.params(), "augmentation changes what is learned");
    }

    @Test
    void resumedAugmentedRunMatchesUninterruptedRun(@TempDir Path dir) {
        ImageDataset train = TestNets.bars(40, 6);
        AugmentationChain chain = AugmentationChain.digits();
        TrainingConfig whole = TrainingConfig.builder().epochs(3).batchSize(8).seed(9).augmentation(chain).build();
        MultiLayerNetwork uninterrupted = new Trainer(whole).fit(TestNets.tinyNet(2, 1.0), train).network();

        Path checkpoints = dir.resolve("run");
        new Trainer(whole.toBuilder().epochs(1).checkpointDir(checkpoints).build())
                .fit(TestNets.tinyNet(2, 1.0), train);
        TrainingResult resumed = new Trainer(whole.toBuilder().checkpointDir(checkpoints).build())
                .resume(train, null);
        assertEquals(3, resumed.history().size());
        assertEquals(uninterrupted.params(), resumed.network().params());

        IllegalArgumentException changed = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new Trainer(whole.toBuilder().epochs(4).augmentation(null)
                        .checkpointDir(checkpoints).build()).resume(train, null));
        assertTrue(changed.getMessage().contains("augmentation"), changed.getMessage());
    }
}
