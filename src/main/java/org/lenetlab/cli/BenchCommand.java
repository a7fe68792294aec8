package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lenetlab.augment.Augmentation;
import org.lenetlab.augment.AugmentationChain;
import org.lenetlab.backend.Backend;
import org.lenetlab.bench.AccuracyRun;
import org.lenetlab.bench.EpochMeasurement;
import org.lenetlab.bench.PeerBenchmark;
import org.lenetlab.bench.Recipe;
import org.lenetlab.bench.ThreadScaling;
import org.lenetlab.data.Datasets;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Split;
import org.lenetlab.model.Architecture;
import org.lenetlab.model.InputShape;
import org.lenetlab.train.Optimizer;
import org.lenetlab.train.Trainer;
import org.lenetlab.train.TrainingConfig;
import org.lenetlab.train.TrainingResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lenet bench}: seconds per training epoch on the fast path (oneDNN layer helpers) against DL4J as shipped
 * (helpers off), alternating the two in one process so that machine noise hits both alike. With
 * {@code --augmentation} it instead alternates epochs without and with the dataset's default augmentation chain
 * ({@link AugmentationChain#defaultFor}) and prints the overhead ratio. With {@code --peer pytorch} it alternates
 * our default path with the PyTorch peer script on Fashion-MNIST, per thread count, each run in a fresh child
 * process ({@link PeerBenchmark}), and prints seconds per epoch, images per second, peak RSS, the time to classify
 * the 10,000 test images afterwards and the ratios; with {@code --to-accuracy 0.904} as well, each run trains
 * until the test accuracy reaches that fraction instead, with the optimiser and schedule of a {@link Recipe}
 * ({@code --recipe}), and the times to get there are compared.
 */
@Command(name = "bench", description = "Time one training epoch: oneDNN fast path vs DL4J as shipped, alternated "
        + "(or, with --augmentation, without vs with on-the-fly augmentation; with --peer pytorch, ours vs "
        + "PyTorch side by side). 'bench kernel' times the Jupyter kernel instead.",
        subcommands = KernelBenchCommand.class)
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "classic", description = "architecture (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--dataset", defaultValue = "fashion-mnist",
            description = "dataset (default: ${DEFAULT-VALUE}; mnist-sample works offline anywhere)")
    String dataset;

    @Option(names = "--limit", description = "use only the first N training images")
    Integer limit;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--rounds", defaultValue = "1", description = "alternating rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--fast-only", description = "skip the slow as-shipped configuration")
    boolean fastOnly;

    @Option(names = "--augmentation",
            description = "time epochs without and with the default augmentation chain instead (fast path only)")
    boolean augmentation;

    @Option(names = "--peer", description = "compare with a peer framework instead: pytorch")
    String peer;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "with --peer: thread counts to compare (default: ${DEFAULT-VALUE})")
    List<Integer> threads;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "with --peer: Python interpreter with PyTorch (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--data-dir", description = "with --peer: Fashion-MNIST IDX directory (default: "
            + "/usr/share/datasets/fashion-mnist)")
    Path dataDir;

    @Option(names = "--no-eval", description = "with --peer: skip the evaluation of the 10,000 test images after "
            + "each epoch")
    boolean noEval;

    @Option(names = "--to-accuracy", description = "with --peer: instead of one epoch, train until the test accuracy "
            + "reaches this fraction (e.g. 0.904), evaluating after every epoch, and compare the times")
    Double toAccuracy;

    @Option(names = "--max-epochs", defaultValue = "30",
            description = "with --to-accuracy: epoch budget per run (default: ${DEFAULT-VALUE})")
    int maxEpochs;

    @Option(names = "--recipe", description = "with --to-accuracy: optimiser and learning-rate schedule of both "
            + "engines: adam (the default, as in one-epoch runs) or nesterov-step (SGD with Nesterov momentum and a "
            + "step decay, which takes LeNet-5 past 90.4 %); the run's first line spells the recipe out")
    String recipe;

    @Override
    public Integer call() throws IOException {
        if (peer != null) {
            return peerComparison();
        }
        if (toAccuracy != null || recipe != null) {
            throw new IllegalArgumentException("--to-accuracy and --recipe time a training against a peer; add "
                    + "--peer pytorch");
        }
        System.out.print(Backend.report());
        ImageDataset train = Datasets.load(dataset, Split.TRAIN);
        if (limit != null && limit < train.size()) {
            train = train.head(limit);
        }
        System.out.printf(Locale.ROOT, "%s, %s, batch %d, Adam 1e-3, one epoch per run%n%n", arch, train, batch);
        if (augmentation) {
            return augmentationOverhead(train);
        }
        List<double[]> fast = new ArrayList<>();
        List<double[]> shipped = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            fast.add(epoch(train, true));
            if (!fastOnly) {
                shipped.add(epoch(train, false));
            }
        }
        System.out.printf(Locale.ROOT, "%-28s %10s %10s%n", "configuration", "s/epoch", "images/s");
        double fastBest = print("oneDNN layer helpers (ours)", fast, train.size());
        if (!fastOnly) {
            double shippedBest = print("DL4J as shipped", shipped, train.size());
            System.out.printf(Locale.ROOT, "%nspeed-up (best of each): %.1f×%n", shippedBest / fastBest);
        }
        System.out.printf(Locale.ROOT, "peak RSS: %s%n", peakRss());
        return 0;
    }

    private int peerComparison() {
        if (!peer.equalsIgnoreCase("pytorch")) {
            throw new IllegalArgumentException("unknown --peer '" + peer + "'; the only peer is: pytorch");
        }
        if (!dataset.equals("fashion-mnist")) {
            throw new IllegalArgumentException("--peer compares on fashion-mnist only (the peer script reads its IDX "
                    + "files), not on '" + dataset + "'");
        }
        if (recipe != null && toAccuracy == null) {
            throw new IllegalArgumentException("--recipe " + recipe + " sets the training of a --to-accuracy run; "
                    + "add --to-accuracy (e.g. 0.904), or leave --recipe out to time one epoch with "
                    + Recipe.ADAM.description());
        }
        Recipe chosen = recipe == null ? Recipe.ADAM : Recipe.of(recipe);
        if (rounds < 1 || threads.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("--rounds and every --threads value must be at least 1, got "
                    + rounds + " and " + threads);
        }
        PeerBenchmark bench = new PeerBenchmark(python, dataDir == null ? PeerBenchmark.DEBIAN_FASHION_MNIST : dataDir,
                batch, limit == null ? 0 : limit);
        boolean evaluate = !noEval;
        bench.requireDataset(evaluate || toAccuracy != null);
        String torch = bench.requirePyTorch();
        if (toAccuracy != null) {
            return timeToAccuracy(bench, torch, chosen);
        }
        System.out.printf(Locale.ROOT, "%s vs PyTorch %s: Fashion-MNIST train, batch %d, %s, one epoch per "
                + "run%s, each run a fresh process with OMP_NUM_THREADS set; threads %s, %d round(s), alternated%n",
                arch, torch, batch, Recipe.ADAM.description(),
                evaluate ? " then the 10,000 test images classified (batches of 1024)" : "", threads, rounds);
        List<List<EpochMeasurement>> ours = new ArrayList<>();
        List<List<EpochMeasurement>> theirs = new ArrayList<>();
        for (int t = 0; t < threads.size(); t++) {
            ours.add(new ArrayList<>());
            theirs.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            for (int t = 0; t < threads.size(); t++) {
                // alternate which engine goes first, so that neither always gets the warmer or quieter slot
                boolean oursFirst = (round + t) % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    boolean runOurs = (k == 0) == oursFirst;
                    EpochMeasurement m = runOurs ? bench.ours(arch, threads.get(t), evaluate)
                            : bench.pyTorch(arch, threads.get(t), evaluate);
                    System.out.println("  " + m + "  [load " + loadAverage() + "]");
                    (runOurs ? ours : theirs).get(t).add(m);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%-26s %7s %-22s %10s %12s %14s%s%n", "engine", "threads", "s/epoch (runs)",
                "images/s", "peak RSS MiB", "ours/PyTorch", evaluate ? String.format(Locale.ROOT, " %-18s %8s",
                        "eval 10k s (runs)", "ratio") : "");
        for (int t = 0; t < threads.size(); t++) {
            double oursBest = best(ours.get(t));
            double theirsBest = best(theirs.get(t));
            String evalRatio = evaluate ? String.format(Locale.ROOT, "%.2f×", bestEval(ours.get(t))
                    / bestEval(theirs.get(t))) : "";
            printRow(ours.get(t), String.format(Locale.ROOT, "%.2f×", oursBest / theirsBest), evalRatio);
            printRow(theirs.get(t), "", "");
        }
        System.out.println("\nimages/s and ratios from the best run of each; peak RSS is the largest of the runs.");
        for (int t = 1; t < threads.size(); t++) {
            System.out.println(ThreadScaling.of(ours.get(0), ours.get(t)));
            System.out.println(ThreadScaling.of(theirs.get(0), theirs.get(t)));
        }
        return 0;
    }

    private int timeToAccuracy(PeerBenchmark bench, String torch, Recipe chosen) {
        if (!(toAccuracy > 0 && toAccuracy <= 1) || maxEpochs < 1) {
            throw new IllegalArgumentException("--to-accuracy must be a fraction in (0, 1] and --max-epochs at least 1, "
                    + "got " + toAccuracy + " and " + maxEpochs);
        }
        System.out.printf(Locale.ROOT, "%s vs PyTorch %s: time to %.1f %% test accuracy on Fashion-MNIST (60,000 "
                        + "training images, batch %d, %s, the 10,000 test images evaluated after every epoch, at "
                        + "most %d epochs); threads %s, %d round(s), alternated%n", arch, torch, 100 * toAccuracy,
                batch, chosen.description(), maxEpochs, threads, rounds);
        List<AccuracyRun> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int t = 0; t < threads.size(); t++) {
                boolean oursFirst = (round + t) % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    boolean runOurs = (k == 0) == oursFirst;
                    AccuracyRun r = runOurs ? bench.oursToAccuracy(arch, threads.get(t), toAccuracy, maxEpochs, chosen)
                            : bench.pyTorchToAccuracy(arch, threads.get(t), toAccuracy, maxEpochs, chosen);
                    System.out.println("  " + r + "  [load " + loadAverage() + "]");
                    runs.add(r);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%-26s %7s %8s %7s %10s %12s %10s %12s%n", "engine", "threads", "reached",
                "epochs", "seconds", "train s", "final acc", "peak RSS MiB");
        for (AccuracyRun r : runs) {
            System.out.printf(Locale.ROOT, "%-26s %7d %8s %7d %10.1f %12.1f %9.2f%% %12d%n", r.engine(), r.threads(),
                    r.reached() ? "yes" : "no", r.epochs(), r.seconds(), r.trainSeconds(), 100 * r.finalAccuracy(),
                    r.peakRssBytes() >> 20);
        }
        return 0;
    }

    private static double bestEval(List<EpochMeasurement> runs) {
        return runs.stream().mapToDouble(EpochMeasurement::evalSeconds).min().orElseThrow();
    }

    /** @return the 1-minute load average, which says how much other work shared the machine */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double best(List<EpochMeasurement> runs) {
        return runs.stream().mapToDouble(EpochMeasurement::seconds).min().orElseThrow();
    }

    private static void printRow(List<EpochMeasurement> runs, String ratio, String evalRatio) {
        EpochMeasurement first = runs.get(0);
        String seconds = String.join(", ", runs.stream()
                .map(m -> String.format(Locale.ROOT, "%.1f", m.seconds())).toList());
        long rss = runs.stream().mapToLong(EpochMeasurement::peakRssBytes).max().orElseThrow();
        String eval = first.hasEvaluation() ? String.format(Locale.ROOT, " %-18s %8s", String.join(", ", runs.stream()
                .map(m -> String.format(Locale.ROOT, "%.2f", m.evalSeconds())).toList()), evalRatio) : "";
        System.out.printf(Locale.ROOT, "%-26s %7d %-22s %,10.0f %12d %14s%s%n", first.engine(), first.threads(), seconds,
                first.images() / best(runs), rss >> 20, ratio, eval);
    }

    private int augmentationOverhead(ImageDataset train) {
        AugmentationChain chain = AugmentationChain.defaultFor(train);
        System.out.printf(Locale.ROOT, "default augmentation: %s%n", chain);
        double perImage = augmentationMicros(train, chain);
        System.out.printf(Locale.ROOT, "augmentation alone, one thread: %.1f µs per image (%.1f s per epoch if it "
                + "were not overlapped with training)%n%n", perImage, perImage * train.size() / 1e6);
        List<double[]> plain = new ArrayList<>();
        List<double[]> augmented = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            plain.add(epoch(train, true, null));
            augmented.add(epoch(train, true, chain));
        }
        System.out.printf(Locale.ROOT, "%-28s %10s %10s%n", "configuration", "s/epoch", "images/s");
        double plainBest = print("no augmentation", plain, train.size());
        double augmentedBest = print("default augmentation", augmented, train.size());
        double plainMean = plain.stream().mapToDouble(r -> r[0]).average().orElseThrow();
        double augmentedMean = augmented.stream().mapToDouble(r -> r[0]).average().orElseThrow();
        System.out.printf(Locale.ROOT, "%naugmentation overhead: %.3f× (best of each), %.3f× (mean of each)%n",
                augmentedBest / plainBest, augmentedMean / plainMean);
        System.out.printf(Locale.ROOT, "peak RSS: %s%n", peakRss());
        return 0;
    }

    /** Mean time to augment one image on this thread, after a warm-up pass. */
    private static double augmentationMicros(ImageDataset train, Augmentation chain) {
        int n = Math.min(train.size(), 20_000);
        float[] image = new float[train.imageLength()];
        long start = 0;
        for (int pass = 0; pass < 2; pass++) {
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                train.copyImage(i, image, 0);
                chain.apply(image, train.channels(), train.height(), train.width(), Augmentation.random(1, pass, i));
            }
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }

    private double[] epoch(ImageDataset train, boolean helpers) {
        return epoch(train, helpers, null);
    }

    private double[] epoch(ImageDataset train, boolean helpers, Augmentation augmentation) {
        String previous = System.getProperty(Backend.HELPERS_DISABLE_PROPERTY);
        System.setProperty(Backend.HELPERS_DISABLE_PROPERTY, Boolean.toString(!helpers));
        try {
            var model = Architecture.fromName(arch)
                    .create(new InputShape(train.height(), train.width(), train.channels()), train.numClasses(), 1);
            TrainingResult result = new Trainer(TrainingConfig.builder().epochs(1).batchSize(batch).seed(1)
                    .optimizer(Optimizer.adam(1e-3)).augmentation(augmentation).build()).fit(model.network(), train);
            return new double[] {result.history().last().seconds(), result.history().last().loss()};
        } finally {
            System.setProperty(Backend.HELPERS_DISABLE_PROPERTY, previous == null ? "false" : previous);
        }
    }

    private static double print(String label, List<double[]> runs, int images) {
        double best = runs.stream().mapToDouble(r -> r[0]).min().orElseThrow();
        for (double[] r : runs) {
            System.out.printf(Locale.ROOT, "%-28s %10.1f %10.0f   (loss %.4f)%n", label, r[0], images / r[0], r[1]);
        }
        return best;
    }

    private static String peakRss() {
        Path status = Path.of("/proc/self/status");
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
