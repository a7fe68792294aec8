package org.lenetlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.lenetlab.io.AtomicFiles;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Jupyter kernel start-up and per-cell round trip, measured through {@code jupyter_client} — the client the
 * issue's reference figures were taken with — by the script {@code org/lenetlab/bench/kernel_bench.py}: kernel
 * start to the first result of {@code 1+1} on a fresh kernel process, repeated, and the round trip of
 * {@code 1+1} cells in one session, for several kernelspecs alternated in one run (ours and Python's ipykernel as
 * the peer).
 */
public final class KernelBenchmark {
    /** The benchmark script on the class path. */
    public static final String SCRIPT = "org/lenetlab/bench/kernel_bench.py";

    private final String python;
    private final Path jupyterPath;
    private final int starts;
    private final int cells;

    /**
     * Measurements of one kernel.
     *
     * @param kernel        the kernelspec name
     * @param startSeconds  kernel start to the first result, one per fresh kernel
     * @param roundTripMs   per-cell round trips of {@code 1+1} in one session (after a warm-up)
     */
    public record KernelMeasurement(String kernel, List<Double> startSeconds, List<Double> roundTripMs) {

        /** Copies the lists. */
        public KernelMeasurement {
            startSeconds = List.copyOf(startSeconds);
            roundTripMs = List.copyOf(roundTripMs);
        }

        /** @return the median start-up time in seconds */
        public double medianStart() {
            return percentile(startSeconds, 50);
        }

        /** @return the median round trip in milliseconds */
        public double medianRoundTrip() {
            return percentile(roundTripMs, 50);
        }

        /** @return the 90th-percentile round trip in milliseconds */
        public double p90RoundTrip() {
            return percentile(roundTripMs, 90);
        }
    }

    /**
     * @param python      an interpreter with {@code jupyter_client}, e.g. {@code /usr/bin/python3}
     * @param jupyterPath a Jupyter data directory with extra kernelspecs (ours), searched before the system ones
     * @param starts      fresh kernel starts per kernel (at least 1)
     * @param cells       timed {@code 1+1} cells per kernel (at least 1)
     */
    public KernelBenchmark(String python, Path jupyterPath, int starts, int cells) {
        if (starts < 1 || cells < 1) {
            throw new IllegalArgumentException("--starts and --cells must be at least 1, got " + starts + " and "
                    + cells);
        }
        this.python = Objects.requireNonNull(python, "python");
        this.jupyterPath = Objects.requireNonNull(jupyterPath, "jupyterPath");
        this.starts = starts;
        this.cells = cells;
    }

    /**
     * Runs the script over the kernels, alternating them.
     *
     * @param kernels  kernelspec names
     * @param progress receives each raw measurement line as it comes
     * @return one measurement per kernel, in the given order
     * @throws IllegalStateException if the script fails (with its output) or measures nothing
     */
    public List<KernelMeasurement> run(List<String> kernels, Consumer<String> progress) {
        Path script = copyScript();
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "--kernels", String.join(",", kernels),
                "--starts", Integer.toString(starts), "--cells", Integer.toString(cells)).redirectErrorStream(true);
        pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
        // Debian's Python 3.11 makes ipykernel's debugger print a frozen-modules warning at every start otherwise
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Map<String, List<Double>> startTimes = new LinkedHashMap<>();
        Map<String, List<Double>> roundTrips = new LinkedHashMap<>();
        kernels.forEach(k -> {
            startTimes.put(k, new ArrayList<>());
            roundTrips.put(k, new ArrayList<>());
        });
        List<String> other = new ArrayList<>();
        int code;
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.startsWith("{")) {
                        other.add(line);
                        continue;
                    }
                    JsonObject m = JsonParser.parseString(line).getAsJsonObject();
                    String kernel = m.get("kernel").getAsString();
                    if (m.get("kind").getAsString().equals("start")) {
                        double s = m.get("seconds").getAsDouble();
                        startTimes.get(kernel).add(s);
                        progress.accept(String.format(java.util.Locale.ROOT, "%s: start to first result %.2f s",
                                kernel, s));
                    } else {
                        for (JsonElement ms : m.getAsJsonArray("ms")) {
                            roundTrips.get(kernel).add(ms.getAsDouble());
                        }
                        progress.accept(kernel + ": " + roundTrips.get(kernel).size() + " cells timed");
                    }
                }
            }
            code = p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + python + ": " + e.getMessage()
                    + ". Install Jupyter's client with: sudo apt-get install jupyter-client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the kernel benchmark was interrupted", e);
        }
        if (code != 0) {
            throw new IllegalStateException("the kernel benchmark script failed (exit " + code + "): "
                    + String.join("\n", other.subList(Math.max(0, other.size() - 15), other.size())));
        }
        List<KernelMeasurement> result = new ArrayList<>();
        for (String k : kernels) {
            if (startTimes.get(k).isEmpty() || roundTrips.get(k).isEmpty()) {
                throw new IllegalStateException("no measurement for kernel " + k + "; script output: " + other);
            }
            result.add(new KernelMeasurement(k, startTimes.get(k), roundTrips.get(k)));
        }
        return result;
    }

    /**
     * Nearest-rank percentile.
     *
     * @param values  the sample
     * @param percent 0–100
     * @return the value at that rank
     */
    static double percentile(List<Double> values, double percent) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Path copyScript() {
        try (InputStream in = KernelBenchmark.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the class path; rebuild LeNet Lab");
            }
            Path dir = Files.createTempDirectory("lenetlab-kernel-bench");
            Path file = dir.resolve("kernel_bench.py");
            AtomicFiles.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the kernel benchmark script: " + e.getMessage(), e);
        }
    }
}
