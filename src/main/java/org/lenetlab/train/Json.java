package org.lenetlab.train;

import java.io.IOException;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * JSON reading and writing for histories and trainer states (Jackson, as shaded inside ND4J). Doubles keep every
 * bit; NaN is written as {@code null} and infinities as the strings {@code "Infinity"} / {@code "-Infinity"}, so
 * the files stay valid JSON.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void putDouble(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else if (Double.isInfinite(value)) {
            node.put(key, value > 0 ? "Infinity" : "-Infinity");
        } else {
            node.put(key, value);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode parse(String text, String origin) throws IOException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IOException(origin + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IOException(origin + " is not valid JSON (" + e.getOriginalMessage() + ", line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
        }
    }

    static JsonNode required(JsonNode node, String key, String origin) throws IOException {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new IOException(origin + ": field '" + key + "' is missing");
        }
        return value;
    }

    static double getDouble(JsonNode node, String key, String origin) throws IOException {
        JsonNode value = required(node, key, origin);
        if (value.isNull()) {
            return Double.NaN;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            switch (value.textValue()) {
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                case "NaN":
                    return Double.NaN;
                default:
                    break;
            }
        }
        throw new IOException(origin + ": field '" + key + "' should be a number, found " + value);
    }

    static int getInt(JsonNode node, String key, String origin) throws IOException {
        JsonNode value = required(node, key, origin);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IOException(origin + ": field '" + key + "' should be an integer, found " + value);
        }
        return value.intValue();
    }

    static long getLong(JsonNode node, String key, String origin) throws IOException {
        JsonNode value = required(node, key, origin);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IOException(origin + ": field '" + key + "' should be an integer, found " + value);
        }
        return value.longValue();
    }

    static boolean getBoolean(JsonNode node, String key, String origin) throws IOException {
        JsonNode value = required(node, key, origin);
        if (!value.isBoolean()) {
            throw new IOException(origin + ": field '" + key + "' should be true or false, found " + value);
        }
        return value.booleanValue();
    }

    static String getText(JsonNode node, String key, String origin) throws IOException {
        JsonNode value = required(node, key, origin);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IOException(origin + ": field '" + key + "' should be a string, found " + value);
        }
        return value.textValue();
    }
}
