package org.lenetlab.kernel;

import java.util.Arrays;
import java.util.Locale;

/**
 * Prints how fast the engine is, in-process (no Jupyter messaging): start to first result, and the round trip of
 * {@code 1+1} after warm-up (median and best of many). Run with
 * {@code java -cp target/classes:target/test-classes:$(cat target/lenet-classpath.txt)
 * org.lenetlab.kernel.KernelSessionBench [cells]}.
 */
public final class KernelSessionBench {
    private KernelSessionBench() {
    }

    /** @param args optional number of timed cells (default 200), then {@code no-imports} to start bare */
    public static void main(String[] args) {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        OutputSink quiet = new RecordingSink();
        long t0 = System.nanoTime();
        KernelOptions options = args.length > 1 && args[1].equals("no-imports")
                ? KernelOptions.defaults().withImports(java.util.List.of()) : KernelOptions.defaults();
        try (KernelSession session = KernelSession.start(options)) {
            CellOutcome first = session.execute("1+1", quiet);
            double startMs = (System.nanoTime() - t0) / 1e6;
            if (!first.ok()) {
                throw new IllegalStateException(first.error().toString());
            }
            for (int i = 0; i < 50; i++) {
                session.execute("1+1", quiet);
            }
            double[] ms = new double[cells];
            for (int i = 0; i < cells; i++) {
                long t = System.nanoTime();
                session.execute("1+1", quiet);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "session start to first result: %.0f ms%n", startMs);
            System.out.printf(Locale.ROOT, "1+1 round trip over %d cells: median %.1f ms, best %.1f ms, p90 %.1f ms%n",
                    cells, ms[cells / 2], ms[0], ms[cells * 9 / 10]);
        }
    }
}
