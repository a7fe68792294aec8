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
 * trip, with and without its class-data archive, against Python's ipykernel in the same run, all through
 * {@code jupyter_client} ({@link KernelBenchmark}).
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
            labels.put("lenetlab-bench-cds", "Java (LeNet Lab), class-data archive");
            if (!noPlain) {
                KernelSpecInstaller.builder().name("lenetlab-bench-plain").heap(heap).jvmOptions(javaOptions)
                        .classDataSharing(false).build()
                        .install(dataDir);
                labels.put("lenetlab-bench-plain", "Java (LeNet Lab), no archive");
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
        System.out.printf(Locale.ROOT, "%-38s %26s   %-30s %22s%n", "kernel", "start to 1+1: median (min)",
                "starts (s)", "1+1 round trip ms: median / p90");
        for (KernelMeasurement m : results) {
            String runs = m.startSeconds().stream().map(s -> String.format(Locale.ROOT, "%.2f", s))
                    .collect(Collectors.joining(", "));
            double min = m.startSeconds().stream().min(Comparator.naturalOrder()).orElseThrow();
            System.out.printf(Locale.ROOT, "%-38s %18.2f s (%.2f)   %-30s %12.1f / %.1f%n", labels.get(m.kernel()),
                    m.medianStart(), min, runs, m.medianRoundTrip(), m.p90RoundTrip());
        }
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
