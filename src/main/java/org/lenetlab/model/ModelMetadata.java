package org.lenetlab.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * What a saved model needs besides its weights to be used again: which architecture it is, what images it takes,
 * what its outputs mean and how the pixels were prepared. {@link ModelIO} stores it as a small JSON entry
 * ({@value ModelIO#METADATA_ENTRY}) inside the model zip, so {@code ./lenet evaluate --model-file x.zip} knows
 * what data the model expects.
 *
 * @param architecture  the architecture's CLI name (see {@link Architecture}), or any label for other networks
 * @param input         the image size the network takes
 * @param classNames    the name of each output class, by index
 * @param dataset       the dataset the model was trained on, e.g. {@code MNIST sample}
 * @param normalisation how pixels are transformed before they reach the network
 * @param extras        free-form facts, e.g. {@code epochs} or {@code testAccuracy} (insertion order kept)
 */
public record ModelMetadata(String architecture, InputShape input, List<String> classNames, String dataset,
                            Normalisation normalisation, Map<String, String> extras) {
    /** Identifies the JSON document. */
    public static final String FORMAT = "lenetlab-model-metadata";
    /** Version of the JSON layout written by this class. */
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Checks the values.
     *
     * @param architecture see {@link #architecture()}
     * @param input see {@link #input()}
     * @param classNames see {@link #classNames()}
     * @param dataset see {@link #dataset()}
     * @param normalisation see {@link #normalisation()}
     * @param extras see {@link #extras()}
     */
    public ModelMetadata {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(dataset, "dataset");
        classNames = List.copyOf(classNames);
        normalisation = normalisation == null ? Normalisation.none() : normalisation;
        extras = extras == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("A classifier's metadata needs at least 2 class names, got "
                    + classNames);
        }
        int n = normalisation.offset().size();
        if (n != 0 && n != 1 && n != input.channels()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The normalisation has %d per-channel values but the images have %d channels", n,
                    input.channels()));
        }
    }

    /** @return the number of classes */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * @param key   a name
     * @param value its value
     * @return a copy with that extra fact added or replaced
     */
    public ModelMetadata withExtra(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(extras);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ModelMetadata(architecture, input, classNames, dataset, normalisation, copy);
    }

    /** @return the metadata as a JSON document */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("architecture", architecture);
        ObjectNode in = root.putObject("input");
        in.put("height", input.height());
        in.put("width", input.width());
        in.put("channels", input.channels());
        ArrayNode classes = root.putArray("classNames");
        classNames.forEach(classes::add);
        root.put("dataset", dataset);
        ObjectNode norm = root.putObject("normalisation");
        norm.put("method", normalisation.method());
        ArrayNode offset = norm.putArray("offset");
        normalisation.offset().forEach(offset::add);
        ArrayNode scale = norm.putArray("scale");
        normalisation.scale().forEach(scale::add);
        ObjectNode ex = root.putObject("extras");
        extras.forEach(ex::put);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write model metadata as JSON", e);
        }
    }

    /**
     * @param json a document written by {@link #toJson()}
     * @return the metadata
     * @throws IllegalArgumentException if the text is not such a document; the message names what is wrong
     */
    public static ModelMetadata fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Model metadata is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("Model metadata is not a " + FORMAT + " document");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IllegalArgumentException("Model metadata version " + version + " is not supported (this "
                    + "LeNet Lab reads version " + VERSION + "); use the LeNet Lab version that saved the model");
        }
        JsonNode in = required(root, "input");
        List<String> classes = new ArrayList<>();
        required(root, "classNames").forEach(n -> classes.add(n.asText()));
        JsonNode norm = root.path("normalisation");
        Normalisation normalisation = norm.isMissingNode() ? Normalisation.none()
                : new Normalisation(norm.path("method").asText("none"), doubles(norm.path("offset")),
                        doubles(norm.path("scale")));
        Map<String, String> extras = new LinkedHashMap<>();
        root.path("extras").fields().forEachRemaining(e -> extras.put(e.getKey(), e.getValue().asText()));
        return new ModelMetadata(required(root, "architecture").asText(),
                new InputShape(required(in, "height").asInt(), required(in, "width").asInt(),
                        required(in, "channels").asInt()),
                classes, root.path("dataset").asText(""), normalisation, extras);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Model metadata lacks the field '" + field + "'");
        }
        return value;
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asDouble()));
        return out;
    }

    /**
     * How pixels are transformed before they reach the network, per channel:
     * {@code x' = (x − offset[c]) / scale[c]}. Standardisation stores the training mean and standard deviation;
     * min-max scaling stores the minimum and the range. Empty lists mean "unchanged"; one value applies to every
     * channel.
     *
     * @param method a short name, e.g. {@code none}, {@code standardise}, {@code min-max}
     * @param offset value subtracted, per channel
     * @param scale  divisor, per channel, never 0
     */
    public record Normalisation(String method, List<Double> offset, List<Double> scale) {
        /**
         * Checks the values.
         *
         * @param method see {@link #method()}
         * @param offset see {@link #offset()}
         * @param scale see {@link #scale()}
         */
        public Normalisation {
            Objects.requireNonNull(method, "method");
            offset = List.copyOf(offset);
            scale = List.copyOf(scale);
            if (offset.size() != scale.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Normalisation '%s' has %d offsets but %d scales; give one of each per channel", method,
                        offset.size(), scale.size()));
            }
            for (double s : scale) {
                if (s == 0 || !Double.isFinite(s)) {
                    throw new IllegalArgumentException("Normalisation '" + method + "' has scale " + s
                            + "; scales must be finite and non-zero");
                }
            }
        }

        /** @return no normalisation: pixels reach the network as they are */
        public static Normalisation none() {
            return new Normalisation("none", List.of(), List.of());
        }

        /**
         * @param method a short name
         * @param offset value subtracted per channel
         * @param scale  divisor per channel
         * @return the normalisation
         */
        public static Normalisation perChannel(String method, double[] offset, double[] scale) {
            return new Normalisation(method, java.util.Arrays.stream(offset).boxed().toList(),
                    java.util.Arrays.stream(scale).boxed().toList());
        }

        /** @return true if pixels are left unchanged */
        public boolean isIdentity() {
            return offset.isEmpty();
        }

        /**
         * @param value   a pixel value
         * @param channel its channel
         * @return the normalised value
         */
        public double apply(double value, int channel) {
            if (isIdentity()) {
                return value;
            }
            int c = offset.size() == 1 ? 0 : channel;
            return (value - offset.get(c)) / scale.get(c);
        }
    }
}
