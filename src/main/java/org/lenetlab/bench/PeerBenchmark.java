package org.lenetlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import org.lenetlab.io.AtomicFiles;

/**
 * Runs one training epoch (optionally followed by the evaluation of the test set) or a time-to-accuracy run of
 * LeNet Lab ({@link OurEpoch}, {@link OurTimeToAccuracy} in a child JVM) or of the PyTorch peer script
 * ({@code lenet_peer.py} under {@code /usr/bin/python3}) with a given number of threads, each in a fresh process
 * with {@code OMP_NUM_THREADS} set, and returns what it measured.
 */
public final class PeerBenchmark {
    /** The peer script on the class path. */
    public static final String PEER_SCRIPT = "org/lenetlab/bench/lenet_peer.py";
    /** Debian's Fashion-MNIST, which both sides read. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final int OUTPUT_TAIL = 20;

    private final String python;
    private final Path dataDir;
    private final int batch;
    private final int limit;
    private Path script;

    /**
     * @param python  the Python interpreter, e.g. {@code /usr/bin/python3}
     * @param dataDir a directory with Fashion-MNIST's IDX gzip files
     * @param batch   mini-batch size
     * @param limit   train on only the first {@code limit} images; 0 for all
     */
    public PeerBenchmark(String python, Path dataDir, int batch, int limit) {
        if (batch < 1 || limit < 0) {
            throw new IllegalArgumentException("batch must be at least 1 and limit at least 0, got " + batch + ", "
                    + limit);
        }
        this.python = Objects.requireNonNull(python, "python");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.batch = batch;
        this.limit = limit;
    }

    /**
     * Checks that the interpreter runs and has PyTorch, so that a missing install fails before any timing starts.
     *
     * @return the PyTorch version
     * @throws IllegalStateException with the install command if python or torch is missing
     */
    public String requirePyTorch() {
        if (python.contains("/") && !Files.isExecutable(Path.of(python))) {
            throw new IllegalStateException("no Python interpreter at " + python
                    + ". Install Python and PyTorch with: sudo apt-get install python3-torch");
        }
        try {
            List<String> out = run(new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)"),
                    "python3 -c 'import torch'", 1);
            return out.get(out.size() - 1).trim();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("PyTorch is not available to " + python
                    + ". Install it with: sudo apt-get install python3-torch (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks that the data directory has Fashion-MNIST's training files as the peer script reads them, so that
     * both sides train on the same files (our loader would otherwise fall back to its other sources).
     *
     * @param withTestSet whether the test files are needed too (evaluation, time to accuracy)
     * @throws IllegalStateException naming the missing file and the Debian package that provides it
     */
    public void requireDataset(boolean withTestSet) {
        List<String> files = withTestSet
                ? List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                        "t10k-labels-idx1-ubyte.gz")
                : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        for (String name : files) {
            Path file = dataDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " not found: the PyTorch comparison reads Fashion-MNIST's "
                        + "gzip IDX files from one directory. Install them with: sudo apt-get install "
                        + "dataset-fashion-mnist (or pass --data-dir)");
            }
        }
    }

    /** Checks the training files; see {@link #requireDataset(boolean)}. */
    public void requireDataset() {
        requireDataset(false);
    }

    /**
     * @param arch     {@code classic} or {@code keras}
     * @param threads  compute threads
     * @param evaluate whether to evaluate the 10,000 test images after the epoch
     * @return the peer's measurement
     */
    public EpochMeasurement pyTorch(String arch, int threads, boolean evaluate) {
        List<String> command = peerCommand(arch, threads);
        command.addAll(List.of("--limit", Integer.toString(limit)));
        if (evaluate) {
            command.add("--eval");
        }
        String what = "PyTorch peer (" + arch + ", " + describe(threads) + ")";
        return EpochMeasurement.parse(resultLine(run(command, threads, what), what), what);
    }

    /**
     * @param arch    {@code classic} or {@code keras}
     * @param threads compute threads
     * @return the peer's measurement, without evaluation
     */
    public EpochMeasurement pyTorch(String arch, int threads) {
        return pyTorch(arch, threads, false);
    }

    /**
     * @param arch     {@code classic} or {@code keras}
     * @param threads  compute threads
     * @param evaluate whether to evaluate the 10,000 test images after the epoch
     * @return LeNet Lab's measurement
     */
    public EpochMeasurement ours(String arch, int threads, boolean evaluate) {
        List<String> command = javaCommand(OurEpoch.class);
        command.addAll(List.of(arch, Integer.toString(threads), dataDir.toString(), Integer.toString(batch),
                Integer.toString(limit), Boolean.toString(evaluate)));
        String what = "LeNet Lab (" + arch + ", " + describe(threads) + ")";
        return EpochMeasurement.parse(resultLine(run(command, threads, what), what), what);
    }

    /**
     * @param arch    {@code classic} or {@code keras}
     * @param threads compute threads
     * @return LeNet Lab's measurement, without evaluation
     */
    public EpochMeasurement ours(String arch, int threads) {
        return ours(arch, threads, false);
    }

    /**
     * Trains the peer until its test accuracy reaches {@code target}, evaluating after every epoch.
     *
     * @param arch      {@code classic} or {@code keras}
     * @param threads   compute threads
     * @param target    test accuracy to reach, e.g. 0.904
     * @param maxEpochs epoch budget
     * @param recipe    optimiser and learning-rate schedule
     * @return the run
     */
    public AccuracyRun pyTorchToAccuracy(String arch, int threads, double target, int maxEpochs, Recipe recipe) {
        List<String> command = peerCommand(arch, threads);
        command.addAll(List.of("--to-accuracy", Double.toString(target), "--max-epochs", Integer.toString(maxEpochs),
                "--recipe", recipe.id()));
        String what = "PyTorch peer (" + arch + ", " + describe(threads) + ", to " + target + ")";
        return AccuracyRun.parse(resultLine(run(command, threads, what), what), what);
    }

    /**
     * Trains LeNet Lab's network until its test accuracy reaches {@code target}, evaluating after every epoch.
     *
     * @param arch      {@code classic} or {@code keras}
     * @param threads   compute threads
     * @param target    test accuracy to reach, e.g. 0.904
     * @param maxEpochs epoch budget
     * @param recipe    optimiser and learning-rate schedule
     * @return the run
     */
    public AccuracyRun oursToAccuracy(String arch, int threads, double target, int maxEpochs, Recipe recipe) {
        List<String> command = javaCommand(OurTimeToAccuracy.class);
        command.addAll(List.of(arch, Integer.toString(threads), dataDir.toString(), Integer.toString(batch),
                Double.toString(target), Integer.toString(maxEpochs), recipe.id()));
        String what = "LeNet Lab (" + arch + ", " + describe(threads) + ", to " + target + ")";
        return AccuracyRun.parse(resultLine(run(command, threads, what), what), what);
    }

    private List<String> peerCommand(String arch, int threads) {
        return new ArrayList<>(List.of(python, script().toString(), "--arch", arch, "--threads",
                Integer.toString(threads), "--data", dataDir.toString(), "--batch", Integer.toString(batch)));
    }

    /** A child JVM with the same heap, system properties and agents as this one, so it trains as ./lenet would. */
    private static List<String> javaCommand(Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // (but not a debugger port or a recording, which a second JVM cannot share)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> !arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-XX:StartFlightRecording"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        return command;
    }

    private static List<String> run(List<String> command, int threads, String what) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        return run(pb, what, OUTPUT_TAIL);
    }

    private static String describe(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    /** @return the last output line that looks like a JSON object */
    static String resultLine(List<String> output, String what) {
        for (int i = output.size() - 1; i >= 0; i--) {
            String line = output.get(i).trim();
            if (line.startsWith("{")) {
                return line;
            }
        }
        throw new IllegalStateException(what + " printed no JSON result line; its output ended with:\n"
                + String.join("\n", output));
    }

    /** Runs to completion; returns the last lines of its merged output or throws with them on failure. */
    private static List<String> run(ProcessBuilder pb, String what, int tail) {
        pb.redirectErrorStream(true);
        Deque<String> last = new ArrayDeque<>();
        int code;
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    last.addLast(line);
                    if (last.size() > Math.max(tail, OUTPUT_TAIL)) {
                        last.removeFirst();
                    }
                }
            }
            code = p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + what + " (" + pb.command().get(0) + "): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
        if (code != 0) {
            throw new IllegalStateException(what + " failed with exit code " + code + "; its output ended with:\n"
                    + String.join("\n", last));
        }
        return new ArrayList<>(last);
    }

    /** Copies the peer script out of the class path once (it may live inside a jar). */
    private synchronized Path script() {
        if (script == null) {
            try (InputStream in = PeerBenchmark.class.getClassLoader().getResourceAsStream(PEER_SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(PEER_SCRIPT + " is missing from the class path; rebuild LeNet Lab");
                }
                byte[] text = in.readAllBytes();
                Path dir = Files.createTempDirectory("lenetlab-peer");
                Path file = dir.resolve("lenet_peer.py");
                AtomicFiles.writeString(file, new String(text, StandardCharsets.UTF_8));
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                script = file;
            } catch (IOException e) {
                throw new IllegalStateException("cannot copy the PyTorch peer script to a temporary file: "
                        + e.getMessage(), e);
            }
        }
        return script;
    }
}
