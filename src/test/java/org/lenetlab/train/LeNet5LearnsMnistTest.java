package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Mnist;
import org.lenetlab.data.Split;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.model.BuiltModel;
import org.lenetlab.model.LeNet5;

/**
 * The end-to-end promise of the course: the classic LeNet-5, built by the library and trained by the trainer on
 * 2,000 bundled real digits, recognises at least 90 % of 1,000 digits it has never seen.
 */
class LeNet5LearnsMnistTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void classicLeNet5ReachesNinetyPercentOnHeldOutDigits() throws IOException {
        ImageDataset train = Mnist.sample(Split.TRAIN).head(2_000);
        ImageDataset heldOut = Mnist.sample(Split.TEST).head(1_000);
        BuiltModel model = LeNet5.builder().seed(7).build();
        assertEquals(61_706, model.numParams());

        TrainingResult result = new Trainer(TrainingConfig.builder()
                .epochs(6).batchSize(32).seed(7).optimizer(Optimizer.adam(1e-3)).build())
                .fit(model.network(), train);
        ClassificationEvaluation evaluation = new Evaluator().evaluate(result.network(), heldOut);

        assertEquals(StopReason.COMPLETED, result.stopReason());
        assertTrue(result.history().last().loss() < result.history().epoch(1).loss(), "training loss falls");
        assertTrue(evaluation.accuracy() >= 0.90,
                "LeNet-5 reached only " + evaluation.accuracy() + " on held-out digits:\n"
                        + evaluation.classificationReport());
    }
}
