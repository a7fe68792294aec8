package org.lenetlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.lenetlab.data.Datasets;
import org.lenetlab.kernel.KernelSession;
import org.lenetlab.notebook.ExecutorFactory;
import org.lenetlab.notebook.NotebookBatch;
import org.lenetlab.notebook.NotebookResult;
import org.lenetlab.notebook.NotebookRunner;
import org.lenetlab.notebook.RunStatus;
import org.lenetlab.train.RunProfile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lenet run}: executes notebooks headless on the Java kernel, in this JVM, and writes the executed
 * {@code .ipynb}, an HTML page per notebook and an {@code index.html}.
 */
@Command(name = "run", description = {"Run notebooks on the Java kernel (no Jupyter needed): writes the executed "
        + ".ipynb, an HTML page for each and an index.html.",
        "Without arguments: every notebooks/NN-*.ipynb of the course, in order."})
final class RunCommand implements Callable<Integer> {
    private static final Pattern CHAPTER = Pattern.compile("\\d\\d-.*\\.ipynb");
    private static final String DATASET_PROPERTY = "lenetlab.dataset";

    @Parameters(arity = "0..*", paramLabel = "NOTEBOOK",
            description = "notebook files, or chapter names/numbers in notebooks/ (e.g. 01)")
    List<String> notebooks = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "output folder (default: target/notebooks in the LeNet Lab folder)")
    Path out;

    @Option(names = "--profile", paramLabel = "smoke|full",
            description = "smoke: small data, few epochs; full: the real chapter "
                    + "(default: LENETLAB_PROFILE, else smoke)")
    String profile;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "dataset the chapters use: mnist-sample, mnist, fashion-mnist (default: the chapter's)")
    String dataset;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "longest a cell may run before it is interrupted and the notebook fails; 0 for no limit "
                    + "(default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--keep-going", description = "run the remaining notebooks after one fails")
    boolean keepGoing;

    @Option(names = {"-q", "--quiet"}, description = "show one line per cell, not the cells' own output")
    boolean quiet;

    private final ExecutorFactory sessions;

    RunCommand() {
        this(() -> KernelSession.start().awaitReady());
    }

    /** @param sessions starts the session for each notebook (tests pass a fake) */
    RunCommand(ExecutorFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Integer call() throws IOException {
        // Captured before the first session routes System.out into the cells.
        PrintStream console = System.out;
        PrintStream consoleErr = System.err;
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("--timeout " + timeoutSeconds + " is negative; give the seconds a cell "
                    + "may run, or 0 for no limit");
        }
        RunProfile runProfile = profile == null ? RunProfile.current() : parseProfile(profile);
        String datasetName = dataset == null ? null : Datasets.canonical(dataset);
        Path home = home();
        List<Path> files = notebooks.isEmpty() ? courseNotebooks(home) : resolve(notebooks, home);
        Path outDir = writableOutDir(out != null ? out : home.resolve("target").resolve("notebooks"));

        String oldProfile = System.getProperty(RunProfile.PROPERTY);
        String oldDataset = System.getProperty(DATASET_PROPERTY);
        try {
            System.setProperty(RunProfile.PROPERTY, runProfile.toString());
            if (datasetName != null) {
                System.setProperty(DATASET_PROPERTY, datasetName);
            }
            NotebookRunner runner = NotebookRunner.builder(sessions)
                    .cellTimeout(timeoutSeconds == 0 ? null : Duration.ofSeconds(timeoutSeconds))
                    .console(console, consoleErr, quiet).showRunningCell(System.console() != null).build();
            String heading = "LeNet Lab notebooks (profile " + runProfile
                    + (datasetName == null ? "" : ", dataset " + datasetName) + ")";
            console.println("Running " + files.size() + " notebook" + (files.size() == 1 ? "" : "s") + " with profile "
                    + runProfile + (datasetName == null ? "" : " on " + datasetName) + " into " + outDir);
            NotebookBatch batch = new NotebookBatch(runner, outDir, keepGoing, console, heading);
            List<NotebookResult> results = batch.run(files);
            printSummary(console, consoleErr, results);
            console.println("Index: " + batch.indexFile().toAbsolutePath());
            return results.stream().allMatch(r -> r.status().passed()) ? 0 : 1;
        } finally {
            restore(RunProfile.PROPERTY, oldProfile);
            restore(DATASET_PROPERTY, oldDataset);
        }
    }

    private static RunProfile parseProfile(String value) {
        try {
            return RunProfile.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile " + value + " is not a profile; use --profile smoke "
                    + "(small, fast) or --profile full (the real chapter)");
        }
    }

    private static Path home() {
        String home = System.getProperty("lenetlab.home");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** The course: notebooks/NN-*.ipynb, in order. */
    static List<Path> courseNotebooks(Path home) throws IOException {
        Path dir = home.resolve("notebooks");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no notebooks folder at " + dir + ": run from the LeNet Lab folder, "
                    + "or name the notebooks to run");
        }
        List<Path> chapters = chapters(dir);
        if (chapters.isEmpty()) {
            throw new IllegalArgumentException("no notebooks in " + dir + " (expected files named like "
                    + "01-name.ipynb); name the notebooks to run");
        }
        return chapters;
    }

    private static List<Path> chapters(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> CHAPTER.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }

    /** Each argument: a file, else a file in notebooks/, else the one chapter whose name starts with it. */
    static List<Path> resolve(List<String> arguments, Path home) throws IOException {
        Path dir = home.resolve("notebooks");
        List<Path> chapters = chapters(dir);
        List<Path> files = new ArrayList<>();
        for (String argument : arguments) {
            Path given = Path.of(argument);
            if (Files.isRegularFile(given)) {
                files.add(given);
                continue;
            }
            if (Files.isDirectory(given)) {
                throw new IllegalArgumentException(argument + " is a folder; name the .ipynb files to run");
            }
            Path inCourse = dir.resolve(argument);
            if (Files.isRegularFile(inCourse)) {
                files.add(inCourse);
                continue;
            }
            List<Path> matches = chapters.stream().filter(c -> c.getFileName().toString().startsWith(argument))
                    .toList();
            if (matches.size() == 1) {
                files.add(matches.get(0));
                continue;
            }
            List<String> available = chapters.stream().map(c -> c.getFileName().toString()).toList();
            throw new IllegalArgumentException(matches.isEmpty()
                    ? "notebook " + argument + " not found (looked for " + given.toAbsolutePath() + " and "
                            + inCourse + ")" + (available.isEmpty() ? "" : "; the course has: "
                            + String.join(", ", available))
                    : argument + " matches several notebooks: " + String.join(", ", matches.stream()
                            .map(m -> m.getFileName().toString()).toList()) + "; give more of the name");
        }
        return files;
    }

    /** Creates the folder and proves a file can be written there, before hours of running. */
    static Path writableOutDir(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            Path probe = Files.createTempFile(absolute, ".lenet-run-", ".probe");
            Files.delete(probe);
            return absolute;
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("output folder " + absolute + " is not writable (" + e.getClass()
                    .getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); choose another with --out DIR");
        }
    }

    private static void printSummary(PrintStream out, PrintStream err, List<NotebookResult> results) {
        int width = Math.max("notebook".length(), results.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        out.println();
        out.printf(Locale.ROOT, "%-" + width + "s  %7s  %8s  %s%n", "notebook", "cells", "seconds", "status");
        for (NotebookResult r : results) {
            out.printf(Locale.ROOT, "%-" + width + "s  %7s  %8.1f  %s%n", r.name(),
                    r.executedCells() + "/" + r.codeCells(), r.seconds(), r.status().label());
        }
        for (NotebookResult r : results) {
            if (r.failure() != null) {
                err.println("lenet run: " + r.failure().message()
                        + (r.status() == RunStatus.TIMED_OUT
                                ? " (--timeout SECONDS raises the limit)" : ""));
            }
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
