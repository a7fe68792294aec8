package org.lenetlab.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.data.FashionMnist;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Split;
import org.lenetlab.train.EpochRecord;
import org.lenetlab.train.Trainer;
import org.lenetlab.train.TrainingConfig;
import org.lenetlab.train.TrainingListener;
import org.lenetlab.train.TrainingResult;

/**
 * The LeNet Lab side of the time-to-accuracy comparison, run as a child JVM by {@link PeerBenchmark}: trains on
 * Fashion-MNIST with the library's {@link Trainer}, the 10,000 test images as its validation set (evaluated after
 * every epoch, as a learner watching the test accuracy would), until the test accuracy reaches the target or the
 * epoch budget is spent, with the optimiser and schedule of a {@link Recipe}; prints one {@link AccuracyRun} JSON
 * line.
 *
 * <p>Arguments: {@code arch threads dataDir batch target maxEpochs recipe}.
 */
public final class OurTimeToAccuracy {
    private OurTimeToAccuracy() {
    }

    /**
     * @param args {@code arch threads dataDir batch target maxEpochs recipe}
     * @throws IOException if the dataset cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: OurTimeToAccuracy ARCH THREADS DATA_DIR BATCH TARGET "
                    + "MAX_EPOCHS RECIPE, got " + List.of(args));
        }
        String arch = args[0];
        int threads = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]);
        int batch = Integer.parseInt(args[3]);
        double target = Double.parseDouble(args[4]);
        int maxEpochs = Integer.parseInt(args[5]);
        Recipe recipe = Recipe.of(args[6]);
        OurEpoch.useThreads(threads);
        ImageDataset train = FashionMnist.load(Split.TRAIN, dataDir);
        ImageDataset test = FashionMnist.load(Split.TEST, dataDir);
        MultiLayerNetwork net = OurEpoch.network(arch, train);
        List<Double> accuracies = new ArrayList<>();
        Trainer[] trainer = new Trainer[1];
        TrainingListener untilTarget = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord record) {
                accuracies.add(record.valAccuracy());
                if (record.valAccuracy() >= target) {
                    trainer[0].requestStop();
                }
            }
        };
        trainer[0] = new Trainer(TrainingConfig.builder().epochs(maxEpochs).batchSize(batch).seed(1)
                .optimizer(recipe.optimizer()).schedule(recipe.schedule()).listener(untilTarget).build());
        TrainingResult result = trainer[0].fit(net, train, test);
        System.out.println(new AccuracyRun(OurEpoch.engine(), arch, threads, target, result.seconds(),
                result.trainingSeconds(), accuracies, OurEpoch.peakRssBytes()).toJson());
    }
}
