package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.lenetlab.bench.KernelBenchmark;
import org.lenetlab.bench.KernelBenchmark.KernelMeasurement;
import org.lenetlab.kernel.KernelSpecInstaller;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lenet bench kernel}: our Jupyter kernel's start-up (to the first result of {@code 1+1}) and per-cell round
 * trip, as {@code install-kernel} installs it, without its class-data archive and in any {@code --variant}, against
 * Python's ipykernel in the same run, all through {@code jupyter_client} ({@link KernelBenchmark}).
 */
@Command(name = "kernel", description = "Time the Jupyter kernel through jupyter_client: start to the first result "
        + "of 1+1 and the 1+1 round trip, ours (with and without the class-data archive) vs Python's ipykernel.")
final class KernelBenchCommand implements Callable<Integer> {
    /** ipykernel's kernelspec as Debian's python3-ipykernel installs it. */
    static final String PEER_KERNEL = "python3";

    @Option(names = "--starts", defaultValue = "5", description = "fresh kernel starts per kernel (default: "
            + "${DEFAULT-VALUE})")
    int starts;

    @Option(names = "--cells", defaultValue = "200", description = "timed 1+1 cells per kernel (default: "
            + "${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--heap", defaultValue = KernelSpecInstaller.DEFAULT_HEAP,
            description = "our kernel's heap, as installed (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with jupyter_client and ipykernel (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--java-option", paramLabel = "OPTION",
            description = "a further JVM option for our kernel (repeatable), e.g. --java-option=-XX:TieredStopAtLevel=1")
    List<String> javaOptions = List.of();

    @Option(names = "--variant", paramLabel = "LABEL=OPTIONS", description = "also measure our kernel (with its "
            + "archive) with these JVM options, space-separated (repeatable), e.g. --variant 'full JIT=-XX:"
            + "TieredStopAtLevel=4' (the installed kernel runs C1 only)")
    List<String> variants = List.of();

    @Option(names = "--no-peer", description = "do not measure Python's ipykernel")
    boolean noPeer;

    @Option(names = "--no-plain", description = "do not measure our kernel without the class-data archive")
    boolean noPlain;

    @Override
    public Integer call() throws IOException {
        Path dataDir = Files.createTempDirectory("lenetlab-kernel-bench");
        try {
            Map<String, String> labels = new LinkedHashMap<>();
            System.out.println("Installing our kernel into " + dataDir + " (with a class-data archive)...");
            KernelSpecInstaller.Installation cds = KernelSpecInstaller.builder().name("lenetlab-bench-cds").heap(heap)
                    .jvmOptions(javaOptions).build().install(dataDir);
            System.out.println("  " + cds.archive());
            labels.put("lenetlab-bench-cds", "Java (LeNet Lab) as installed");
            if (!noPlain) {
                KernelSpecInstaller.builder().name("lenetlab-bench-plain").heap(heap).jvmOptions(javaOptions)
                        .classDataSharing(false).build()
                        .install(dataDir);
                labels.put("lenetlab-bench-plain", "Java (LeNet Lab), no class-data archive");
            }
            for (int i = 0; i < variants.size(); i++) {
                String variant = variants.get(i);
                int eq = variant.indexOf('=');
                if (eq <= 0 || eq == variant.length() - 1) {
                    throw new IllegalArgumentException("--variant '" + variant + "': give LABEL=OPTIONS, e.g. "
                            + "'full JIT=-XX:TieredStopAtLevel=4'");
                }
                List<String> options = new ArrayList<>(javaOptions);
                options.addAll(List.of(variant.substring(eq + 1).trim().split("\\s+")));
                String name = "lenetlab-bench-variant" + (i + 1);
                KernelSpecInstaller.Installation installed = KernelSpecInstaller.builder().name(name).heap(heap)
                        .jvmOptions(options).build().install(dataDir);
                System.out.println("  " + variant + ": " + installed.archive());
                labels.put(name, "Java (LeNet Lab), " + variant.substring(0, eq));
            }
            if (!noPeer) {
                labels.put(PEER_KERNEL, "Python 3 (ipykernel)");
            }
            if (!javaOptions.isEmpty()) {
                System.out.println("our kernel's extra JVM options: " + String.join(" ", javaOptions));
            }
            System.out.printf(Locale.ROOT, "%d fresh start(s) per kernel, alternated; then %d timed 1+1 cells "
                    + "(after 10 untimed) in one session each; client: jupyter_client under %s%n%n", starts, cells,
                    python);
            List<KernelMeasurement> results = new KernelBenchmark(python, dataDir, starts, cells)
                    .run(new ArrayList<>(labels.keySet()), line -> System.out.println("  " + line));
            System.out.println();
            print(results, labels);
            return 0;
        } finally {
            deleteTree(dataDir);
        }
    }

    private void print(List<KernelMeasurement> results, Map<String, String> labels) {
        System.out.printf(Locale.ROOT, "%-44s %14s %8s  %-30s %13s %8s%n", "kernel", "start→1+1 (s)", "min",
                "every start (s)", "1+1 trip (ms)", "p90");
        for (KernelMeasurement m : results) {
            String runs = m.startSeconds().stream().map(s -> String.format(Locale.ROOT, "%.2f", s))
                    .collect(Collectors.joining(", "));
            double min = m.startSeconds().stream().min(Comparator.naturalOrder()).orElseThrow();
            System.out.printf(Locale.ROOT, "%-44s %14.2f %8.2f  %-30s %13.1f %8.1f%n", labels.get(m.kernel()),
                    m.medianStart(), min, runs, m.medianRoundTrip(), m.p90RoundTrip());
        }
        System.out.println("(start and trip are medians; the trip is execute_request sent to reply and idle in)");
        KernelMeasurement peer = results.stream().filter(m -> m.kernel().equals(PEER_KERNEL)).findFirst()
                .orElse(null);
        if (peer != null) {
            System.out.println();
            for (KernelMeasurement m : results) {
                if (m != peer) {
                    System.out.printf(Locale.ROOT, "%s / ipykernel: start %.2f×, round trip %.2f× (medians)%n",
                            labels.get(m.kernel()), m.medianStart() / peer.medianStart(),
                            m.medianRoundTrip() / peer.medianRoundTrip());
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
