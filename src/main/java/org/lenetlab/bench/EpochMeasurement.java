package org.lenetlab.bench;

import static org.lenetlab.bench.ResultFields.number;
import static org.lenetlab.bench.ResultFields.text;

import java.util.Locale;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * One timed training epoch, as a benchmark child process reports it on a single JSON line, optionally followed by
 * the evaluation of the trained network on the test set.
 *
 * @param engine          what trained, e.g. {@code "lenetlab dl4j 1.0.0-M2.1"} or {@code "pytorch 1.13.1"}
 * @param arch            architecture name ({@code classic} or {@code keras})
 * @param threads         compute threads the engine was given
 * @param images          training images in the epoch
 * @param seconds         wall-clock seconds of the training loop (loading data excluded)
 * @param peakRssBytes    peak resident set size of the whole process
 * @param loss            mean training loss over the epoch
 * @param evalImages      test images evaluated after the epoch, 0 if none
 * @param evalSeconds     wall-clock seconds of that evaluation (inference and accuracy), 0 if none
 * @param testAccuracy    fraction of those test images classified correctly, NaN if none
 */
public record EpochMeasurement(String engine, String arch, int threads, int images, double seconds,
                               long peakRssBytes, double loss, int evalImages, double evalSeconds,
                               double testAccuracy) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @throws IllegalArgumentException if a count or the time is not positive, or the evaluation figures are
     *                                  inconsistent
     */
    public EpochMeasurement {
        if (threads < 1 || images < 1 || !(seconds > 0)) {
            throw new IllegalArgumentException("an epoch measurement needs threads, images and seconds above 0, got "
                    + threads + ", " + images + ", " + seconds);
        }
        if (evalImages < 0 || (evalImages > 0 && !(evalSeconds > 0))) {
            throw new IllegalArgumentException("an evaluation needs images and seconds above 0, got " + evalImages
                    + ", " + evalSeconds);
        }
    }

    /**
     * A training epoch without a test-set evaluation.
     *
     * @param engine       see {@link #engine()}
     * @param arch         see {@link #arch()}
     * @param threads      see {@link #threads()}
     * @param images       see {@link #images()}
     * @param seconds      see {@link #seconds()}
     * @param peakRssBytes see {@link #peakRssBytes()}
     * @param loss         see {@link #loss()}
     */
    public EpochMeasurement(String engine, String arch, int threads, int images, double seconds, long peakRssBytes,
                            double loss) {
        this(engine, arch, threads, images, seconds, peakRssBytes, loss, 0, 0, Double.NaN);
    }

    /** @return whether the test set was evaluated after the epoch */
    public boolean hasEvaluation() {
        return evalImages > 0;
    }

    /** @return images per second of training */
    public double imagesPerSecond() {
        return images / seconds;
    }

    /**
     * Reads the line a benchmark child prints.
     *
     * @param line   a JSON object with {@code engine, arch, threads, images, seconds, peak_rss_bytes, loss} and,
     *               when the test set was evaluated, {@code eval_images, eval_seconds, test_accuracy}
     * @param origin where the line came from, for error messages
     * @return the measurement
     * @throws IllegalArgumentException naming the origin and the problem if the line is not such an object
     */
    public static EpochMeasurement parse(String line, String origin) {
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
        try {
            boolean evaluated = node.has("eval_images");
            return new EpochMeasurement(text(node, "engine", origin), text(node, "arch", origin),
                    number(node, "threads", origin).intValue(), number(node, "images", origin).intValue(),
                    number(node, "seconds", origin).doubleValue(), number(node, "peak_rss_bytes", origin).longValue(),
                    number(node, "loss", origin).doubleValue(),
                    evaluated ? number(node, "eval_images", origin).intValue() : 0,
                    evaluated ? number(node, "eval_seconds", origin).doubleValue() : 0,
                    evaluated ? number(node, "test_accuracy", origin).doubleValue() : Double.NaN);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(origin) ? e : new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    /** @return this measurement as the one-line JSON object {@link #parse} reads */
    public String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("engine", engine).put("arch", arch).put("threads", threads).put("images", images)
                .put("seconds", seconds).put("images_per_second", Math.round(imagesPerSecond() * 10) / 10.0)
                .put("peak_rss_bytes", peakRssBytes).put("loss", loss);
        if (hasEvaluation()) {
            node.put("eval_images", evalImages).put("eval_seconds", evalSeconds).put("test_accuracy", testAccuracy);
        }
        return node.toString();
    }

    /**
     * @return e.g. {@code "pytorch 1.13.1, 1 thread: 10.3 s, 5,825 images/s, peak RSS 412 MiB, loss 0.5433"},
     *     followed by {@code "; test 10,000 images in 0.41 s, accuracy 84.12 %"} when the test set was evaluated
     */
    @Override
    public String toString() {
        String epoch = String.format(Locale.ROOT, "%s, %d thread%s: %.1f s, %,.0f images/s, peak RSS %d MiB, loss %.4f",
                engine, threads, threads == 1 ? "" : "s", seconds, imagesPerSecond(), peakRssBytes >> 20, loss);
        return hasEvaluation() ? epoch + String.format(Locale.ROOT, "; test %,d images in %.2f s, accuracy %.2f %%",
                evalImages, evalSeconds, 100 * testAccuracy) : epoch;
    }
}
