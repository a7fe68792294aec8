package org.lenetlab.bench;

import static org.lenetlab.bench.ResultFields.number;
import static org.lenetlab.bench.ResultFields.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * A time-to-accuracy run: training epoch after epoch, with the test set evaluated after each, until its accuracy
 * reaches a target or the epoch budget is spent. A benchmark child process reports it on one JSON line.
 *
 * @param engine       what trained, e.g. {@code "lenetlab dl4j 1.0.0-M2.1"} or {@code "pytorch 1.13.1"}
 * @param arch         architecture name ({@code classic} or {@code keras})
 * @param threads      compute threads the engine was given
 * @param target       the test accuracy to reach, e.g. 0.904
 * @param seconds      wall-clock seconds from the start of training to the end of the last epoch's evaluation
 * @param trainSeconds the part of {@code seconds} spent in the training loops
 * @param accuracies   test accuracy after each epoch, in order
 * @param peakRssBytes peak resident set size of the whole process
 */
public record AccuracyRun(String engine, String arch, int threads, double target, double seconds,
                          double trainSeconds, List<Double> accuracies, long peakRssBytes) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @throws IllegalArgumentException if the target is not a fraction, no epoch ran or a time is not positive
     */
    public AccuracyRun {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("the target accuracy must be a fraction in (0, 1], got " + target);
        }
        if (threads < 1 || accuracies.isEmpty() || !(seconds > 0) || !(trainSeconds > 0) || trainSeconds > seconds) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a time-to-accuracy run needs threads, at "
                    + "least one epoch and 0 < train seconds <= seconds, got %d, %d epochs, %s, %s", threads,
                    accuracies.size(), trainSeconds, seconds));
        }
        accuracies = List.copyOf(accuracies);
    }

    /** @return epochs trained */
    public int epochs() {
        return accuracies.size();
    }

    /** @return the test accuracy after the last epoch */
    public double finalAccuracy() {
        return accuracies.get(accuracies.size() - 1);
    }

    /** @return whether the last epoch reached the target */
    public boolean reached() {
        return finalAccuracy() >= target;
    }

    /**
     * Reads the line a benchmark child prints.
     *
     * @param line   a JSON object with {@code engine, arch, threads, target, seconds, train_seconds, accuracies,
     *               peak_rss_bytes}
     * @param origin where the line came from, for error messages
     * @return the run
     * @throws IllegalArgumentException naming the origin and the problem if the line is not such an object
     */
    public static AccuracyRun parse(String line, String origin) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + " printed no valid JSON result line: '" + line + "' ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(origin + " printed '" + line + "', not a JSON object");
        }
        JsonNode list = node.get("accuracies");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(origin + ": result line has no array field 'accuracies'");
        }
        List<Double> accuracies = new ArrayList<>();
        for (JsonNode a : list) {
            if (!a.isNumber()) {
                throw new IllegalArgumentException(origin + ": 'accuracies' holds " + a + ", not a number");
            }
            accuracies.add(a.doubleValue());
        }
        try {
            return new AccuracyRun(text(node, "engine", origin), text(node, "arch", origin),
                    number(node, "threads", origin).intValue(), number(node, "target", origin).doubleValue(),
                    number(node, "seconds", origin).doubleValue(), number(node, "train_seconds", origin).doubleValue(),
                    accuracies, number(node, "peak_rss_bytes", origin).longValue());
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(origin) ? e : new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    /** @return this run as the one-line JSON object {@link #parse} reads */
    public String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("engine", engine).put("arch", arch).put("threads", threads).put("target", target)
                .put("reached", reached()).put("epochs", epochs()).put("seconds", seconds)
                .put("train_seconds", trainSeconds);
        ArrayNode list = node.putArray("accuracies");
        accuracies.forEach(list::add);
        node.put("peak_rss_bytes", peakRssBytes);
        return node.toString();
    }

    /**
     * @return e.g. {@code "pytorch 1.13.1, 1 thread: 90.4 % reached after 12 epochs, 101.3 s (96.0 s training),
     *     test accuracy 85.1 … 90.5 %"}
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, %d thread%s: %.1f %% %s after %d epoch%s, %.1f s (%.1f s training), "
                        + "test accuracy by epoch %s %%", engine, threads, threads == 1 ? "" : "s", 100 * target,
                reached() ? "reached" : "NOT reached", epochs(), epochs() == 1 ? "" : "s", seconds, trainSeconds,
                accuracies.stream().map(a -> String.format(Locale.ROOT, "%.2f", 100 * a))
                        .collect(Collectors.joining(" ")));
    }
}
