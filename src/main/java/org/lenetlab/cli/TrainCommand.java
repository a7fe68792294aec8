package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lenetlab.backend.Backend;
import org.lenetlab.data.Datasets;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.data.Split;
import org.lenetlab.data.StratifiedSplitter;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Evaluator;
import org.lenetlab.model.Architecture;
import org.lenetlab.model.BuiltModel;
import org.lenetlab.model.InputShape;
import org.lenetlab.model.LeNetBuilder;
import org.lenetlab.model.ModelIO;
import org.lenetlab.model.ModelMetadata;
import org.lenetlab.plot.ModelReport;
import org.lenetlab.train.ConsoleProgressBar;
import org.lenetlab.train.EarlyStopping;
import org.lenetlab.train.Metric;
import org.lenetlab.train.Optimizer;
import org.lenetlab.train.ReduceLrOnPlateau;
import org.lenetlab.train.RunProfile;
import org.lenetlab.train.Trainer;
import org.lenetlab.train.TrainingConfig;
import org.lenetlab.train.TrainingResult;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lenet train}: trains a LeNet on a dataset, evaluates it on the test split and saves it.
 *
 * <p>Mirrors the seeds' training scripts: environment report, model summary, a progress bar per epoch, the
 * history, the classification report on held-out data, and the model file.
 */
@Command(name = "train", description = "Train a LeNet, report test accuracy and save the model.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "classic",
            description = "architecture: classic, keras, modern, lenet9 (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--dataset", defaultValue = "mnist-sample",
            description = "mnist-sample (bundled), mnist, fashion-mnist (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(names = "--data-dir", description = "directory holding the dataset's IDX files (optional)")
    Path dataDir;

    @Option(names = "--epochs", description = "epochs (default: 5 in smoke profile, 20 in full)")
    Integer epochs;

    @Option(names = "--batch", defaultValue = "64", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--optimizer", description = "adam, sgd or momentum (default: the architecture's own)")
    String optimizer;

    @Option(names = "--lr", description = "learning rate (default: the architecture's own)")
    Double learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--limit", description = "use only the first N training images (default: all in full "
            + "profile; all of the bundled sample, 12,000 of larger sets in smoke profile)")
    Integer limit;

    @Option(names = "--validation", defaultValue = "0.1",
            description = "fraction of the training images held out for validation (default: ${DEFAULT-VALUE})")
    double validationFraction;

    @Option(names = "--patience", description = "early stopping on val_loss after N epochs without improvement "
            + "(restores the best weights)")
    Integer patience;

    @Option(names = "--plateau", description = "halve the learning rate after N epochs without val_loss "
            + "improvement")
    Integer plateauPatience;

    @Option(names = "--checkpoint-dir", description = "write a checkpoint every epoch; an existing one is resumed")
    Path checkpointDir;

    @Option(names = "--model-file", description = "where to save the trained model (default: <arch>.zip)")
    Path modelFile;

    @Override
    public Integer call() throws IOException {
        RunProfile profile = RunProfile.current();
        System.out.print(Backend.report());
        System.out.println("  profile  " + profile + " (set " + RunProfile.ENV + "=full for real runs)");
        System.out.println();

        Architecture architecture = Architecture.fromName(arch);
        ImageDataset all = Datasets.load(dataset, Split.TRAIN, dataDir);
        ImageDataset test = Datasets.load(dataset, Split.TEST, dataDir);
        int keep = limit != null ? limit : profile.pick(Math.min(all.size(), 12_000), all.size());
        if (keep < all.size()) {
            all = StratifiedSplitter.split(all, seed, (double) keep / all.size(), 1 - (double) keep / all.size())
                    .get(0);
        }
        List<ImageDataset> parts = validationFraction > 0
                ? StratifiedSplitter.split(all, seed, List.of("train", "validation"), 1 - validationFraction,
                        validationFraction)
                : List.of(all);
        ImageDataset train = parts.get(0);
        ImageDataset validation = parts.size() > 1 ? parts.get(1) : null;
        System.out.println("train      " + train);
        if (validation != null) {
            System.out.println("validation " + validation);
        }
        System.out.println("test       " + test);
        System.out.println();

        InputShape input = new InputShape(train.height(), train.width(), train.channels());
        LeNetBuilder<?> builder = architecture.builder().input(input).numClasses(train.numClasses()).seed(seed);
        BuiltModel model = builder.build();
        System.out.println(model.summary());

        TrainingConfig.Builder config = TrainingConfig.builder()
                .epochs(epochs != null ? epochs : profile.pick(5, 20))
                .batchSize(batch)
                .seed(seed)
                .optimizer(chooseOptimizer(builder.updater()))
                .listener(new ConsoleProgressBar(System.out));
        if (patience != null) {
            config.earlyStopping(EarlyStopping.Settings.monitor(Metric.VAL_LOSS).patience(patience)
                    .restoreBestWeights(true));
        }
        if (plateauPatience != null) {
            config.reduceLrOnPlateau(ReduceLrOnPlateau.Settings.monitor(Metric.VAL_LOSS).factor(0.5)
                    .patience(plateauPatience));
        }
        if (checkpointDir != null) {
            config.checkpointDir(checkpointDir);
        }
        Trainer trainer = new Trainer(config.build());
        System.out.println("Training " + architecture.description() + " with " + trainer.config().optimizer());
        TrainingResult result = trainer.fitOrResume(model.network(), train, validation);
        System.out.println();
        System.out.println(result.history());
        System.out.println(result);

        ClassificationEvaluation evaluation = new Evaluator().evaluate(result.network(), test)
                .withDescription(architecture.cliName() + " on " + test.name());
        System.out.println();
        System.out.println(evaluation.classificationReport());
        Path file = modelFile != null ? modelFile : Path.of(architecture.cliName() + ".zip");
        ModelMetadata metadata = model.metadata(train.classNames(), Datasets.canonical(dataset),
                ModelMetadata.Normalisation.none());
        ModelIO.save(result.network(), metadata, file, false);
        Path historyFile = result.history().writeCsv(ModelReport.historyFileFor(file));
        System.out.printf(Locale.ROOT, "Test accuracy: %.2f %% on %,d images (%s)%n", 100 * evaluation.accuracy(),
                test.size(), test.name());
        System.out.println("Model saved to " + file.toAbsolutePath());
        System.out.println("History saved to " + historyFile.toAbsolutePath() + " (figures: ./lenet report "
                + "--model-file " + file + ")");
        return 0;
    }

    private Optimizer chooseOptimizer(IUpdater architectureDefault) {
        String kind = optimizer != null ? optimizer.toLowerCase(Locale.ROOT) : kindOf(architectureDefault);
        double lr = learningRate != null ? learningRate : defaultRate(kind, architectureDefault);
        return switch (kind) {
            case "adam" -> Optimizer.adam(lr);
            case "sgd" -> Optimizer.sgd(lr);
            case "momentum" -> Optimizer.sgdMomentum(lr, 0.9);
            default -> throw new IllegalArgumentException(
                    "--optimizer " + optimizer + " is not known; use adam, sgd or momentum");
        };
    }

    private static String kindOf(IUpdater updater) {
        return updater instanceof Nesterovs ? "momentum" : updater instanceof Sgd ? "sgd" : "adam";
    }

    private static double defaultRate(String kind, IUpdater updater) {
        if (kind.equals(kindOf(updater))) {
            if (updater instanceof Adam a) {
                return a.getLearningRate();
            }
            if (updater instanceof Sgd s) {
                return s.getLearningRate();
            }
            if (updater instanceof Nesterovs n) {
                return n.getLearningRate();
            }
        }
        return kind.equals("adam") ? 1e-3 : 0.01;
    }
}
