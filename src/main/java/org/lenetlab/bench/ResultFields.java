package org.lenetlab.bench;

import org.nd4j.shade.jackson.databind.JsonNode;

/** Typed fields of a benchmark child's JSON result line, with an error naming the run and the missing field. */
final class ResultFields {
    private ResultFields() {
    }

    static String text(JsonNode node, String key, String origin) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(origin + ": result line has no text field '" + key + "'");
        }
        return v.asText();
    }

    static Number number(JsonNode node, String key, String origin) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(origin + ": result line has no number field '" + key + "'");
        }
        return v.numberValue();
    }
}
