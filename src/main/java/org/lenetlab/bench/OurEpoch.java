package org.lenetlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.FashionMnist;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Split;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.model.Architecture;
import org.lenetlab.model.InputShape;
import org.lenetlab.train.Trainer;
import org.lenetlab.train.TrainingConfig;
import org.lenetlab.train.TrainingResult;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LeNet Lab side of the PyTorch comparison, run as a child JVM by {@link PeerBenchmark}: trains one epoch of
 * Fashion-MNIST on the library's default path ({@link Trainer}) and, when asked, evaluates the trained network on
 * the 10,000 test images with the library's {@link Evaluator}; prints one {@link EpochMeasurement} JSON line.
 *
 * <p>Arguments: {@code arch threads dataDir batch limit evaluate} (limit 0: all images; evaluate {@code true} or
 * {@code false}). The parent sets {@code OMP_NUM_THREADS} to the thread count, because libnd4j sizes its OpenMP
 * pool from it when it loads; this class also caps ND4J's own thread settings to the same number.
 */
public final class OurEpoch {
    private OurEpoch() {
    }

    /**
     * @param args {@code arch threads dataDir batch limit evaluate}
     * @throws IOException if the dataset cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            throw new IllegalArgumentException("usage: OurEpoch ARCH THREADS DATA_DIR BATCH LIMIT EVALUATE, got "
                    + List.of(args));
        }
        String arch = args[0];
        int threads = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]);
        int batch = Integer.parseInt(args[3]);
        int limit = Integer.parseInt(args[4]);
        boolean evaluate = Boolean.parseBoolean(args[5]);
        useThreads(threads);
        ImageDataset train = FashionMnist.load(Split.TRAIN, dataDir);
        if (limit > 0 && limit < train.size()) {
            train = train.head(limit);
        }
        ImageDataset test = evaluate ? FashionMnist.load(Split.TEST, dataDir) : null;
        MultiLayerNetwork net = network(arch, train);
        TrainingResult result = new Trainer(TrainingConfig.builder().epochs(1).batchSize(batch).seed(1)
                .optimizer(Recipe.ADAM.optimizer()).build()).fit(net, train);
        var epoch = result.history().last();
        EpochMeasurement m = new EpochMeasurement(engine(), arch, threads, train.size(), epoch.seconds(),
                peakRssBytes(), epoch.loss());
        if (test != null) {
            long start = System.nanoTime();
            ClassificationEvaluation evaluation = new Evaluator().evaluate(net, test);
            double seconds = (System.nanoTime() - start) / 1e9;
            m = new EpochMeasurement(m.engine(), arch, threads, m.images(), m.seconds(), peakRssBytes(), m.loss(),
                    test.size(), seconds, evaluation.accuracy());
        }
        System.out.println(m.toJson());
    }

    /** Caps ND4J's threads (the parent has set {@code OMP_NUM_THREADS} for the native pool). */
    static void useThreads(int threads) {
        Backend.configure();
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    static MultiLayerNetwork network(String arch, ImageDataset train) {
        return Architecture.fromName(arch)
                .create(new InputShape(train.height(), train.width(), train.channels()), train.numClasses(), 1)
                .network();
    }

    static String engine() {
        String version = MultiLayerNetwork.class.getPackage().getImplementationVersion();
        return "lenetlab dl4j" + (version == null ? "" : " " + version);
    }

    /** Peak resident set size from {@code /proc/self/status} ({@code VmHWM}), or 0 where there is no procfs. */
    static long peakRssBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.substring(6).trim().split("\\s+")[0]).mapToLong(Long::parseLong)
                .map(kib -> kib * 1024).findFirst().orElse(0);
    }
}
