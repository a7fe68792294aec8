package org.lenetlab.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How one engine's epoch time changes with more threads, round by round: each round of a benchmark runs every thread
 * count once, close together in time, so the ratio within a round is less exposed to a shared machine's load than a
 * ratio of bests taken from different rounds.
 *
 * @param engine      the engine measured
 * @param fewThreads  the thread count compared against
 * @param manyThreads the thread count compared
 * @param ratios      seconds at {@code manyThreads} over seconds at {@code fewThreads}, one per round
 */
public record ThreadScaling(String engine, int fewThreads, int manyThreads, List<Double> ratios) {
    /** @throws IllegalArgumentException without ratios */
    public ThreadScaling {
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("thread scaling needs at least one round");
        }
        ratios = List.copyOf(ratios);
    }

    /**
     * @param few  one measurement per round at the smaller thread count
     * @param many the same rounds at the larger one
     * @return the per-round ratios of {@code many} to {@code few}
     * @throws IllegalArgumentException if the lists differ in length or engine, or are empty
     */
    public static ThreadScaling of(List<EpochMeasurement> few, List<EpochMeasurement> many) {
        if (few.size() != many.size() || few.isEmpty()) {
            throw new IllegalArgumentException("thread scaling pairs rounds: got " + few.size() + " and "
                    + many.size() + " measurements");
        }
        String engine = few.get(0).engine();
        if (!engine.equals(many.get(0).engine())) {
            throw new IllegalArgumentException("thread scaling compares one engine, got " + engine + " and "
                    + many.get(0).engine());
        }
        Double[] ratios = new Double[few.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = many.get(i).seconds() / few.get(i).seconds();
        }
        return new ThreadScaling(engine, few.get(0).threads(), many.get(0).threads(), Arrays.asList(ratios));
    }

    /** @return the median ratio (below 1: the larger thread count is faster) */
    public double median() {
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** @return in how many rounds the larger thread count was faster */
    public long roundsFaster() {
        return ratios.stream().filter(r -> r < 1).count();
    }

    /**
     * @return e.g. {@code "lenetlab dl4j, 2 threads against 1, per round: 0.91, 0.78 (median 0.85×, faster in 2 of
     *     2)"}
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, %d %s against %d, per round: %s (median %.2f×, faster in %d of %d)",
                engine, manyThreads, manyThreads == 1 ? "thread" : "threads", fewThreads,
                ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).collect(Collectors.joining(", ")),
                median(), roundsFaster(), ratios.size());
    }
}
