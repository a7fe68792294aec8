package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Imbalance;
import org.lenetlab.data.Mnist;
import org.lenetlab.data.Split;
import org.lenetlab.eval.ClassComparison;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.model.LeNet5;

/**
 * The teaching claim of class weights, as a real experiment: on 2,500 bundled digits with classes 3 and 8 cut to
 * 5 %, classic LeNet-5 trained with balanced class weights recognises more of the held-out 3s and 8s than the same
 * network trained without them (same seed, same initial weights, same batches, same epochs).
 */
class ClassWeightsLearningTest {
    private static final int[] RARE = {3, 8};

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void balancedWeightsRaiseTheRareClassesRecall() throws IOException {
        ImageDataset full = Mnist.sample(Split.TRAIN).head(2_500);
        ImageDataset train = Imbalance.keepFraction(full, 0.05, 42, RARE);
        int[] counts = train.classCounts();
        assertEquals(Math.round(0.05 * full.classCounts()[3]), counts[3]);
        assertEquals(Math.round(0.05 * full.classCounts()[8]), counts[8]);
        ImageDataset test = Mnist.sample(Split.TEST).head(1_000);

        ClassificationEvaluation plain = train(train, test, null);
        ClassWeights balanced = ClassWeights.balanced(train);
        assertTrue(balanced.weight(3) > 10 * balanced.weight(0), balanced.toString());
        ClassificationEvaluation weighted = train(train, test, balanced);

        ClassComparison comparison = ClassComparison.of("unweighted", plain, "balanced weights", weighted);
        double before = comparison.meanRecallA(RARE);
        double after = comparison.meanRecallB(RARE);
        System.out.println(train + "\n" + comparison);
        assertTrue(after >= before + 0.15, String.format(
                "balanced weights should raise the rare classes' mean recall by at least 0.15: %.3f -> %.3f%n%s",
                before, after, comparison));
    }

    private static ClassificationEvaluation train(ImageDataset train, ImageDataset test, ClassWeights weights) {
        var net = LeNet5.builder().seed(11).build().network();
        TrainingResult result = new Trainer(TrainingConfig.builder().epochs(3).batchSize(32).seed(11)
                .optimizer(Optimizer.adam(1e-3)).classWeights(weights).build()).fit(net, train);
        if (weights != null) {
            assertArrayEquals(weights.values(), ClassWeights.inNetwork(net).orElseThrow().values(), 1e-6);
        }
        return new Evaluator().evaluate(result.network(), test);
    }
}
