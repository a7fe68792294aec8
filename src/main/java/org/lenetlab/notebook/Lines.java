package org.lenetlab.notebook;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/** Multi-line text in notebook files: a string or a list of lines, each keeping its line end. */
final class Lines {
    private Lines() {
    }

    /**
     * @param text any text
     * @return its lines, each ending with its {@code \n} except possibly the last; empty for empty text
     */
    static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /**
     * @param text any text
     * @return the JSON list of its lines, as Jupyter writes {@code source} and text outputs
     */
    static JsonArray toJsonArray(String text) {
        JsonArray array = new JsonArray();
        for (String line : split(text)) {
            array.add(new JsonPrimitive(line));
        }
        return array;
    }

    /**
     * @param value a string or a list of strings
     * @return the joined text, or {@code null} if {@code value} is neither
     */
    static String join(JsonElement value) {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        if (!value.isJsonArray()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (JsonElement line : value.getAsJsonArray()) {
            if (!line.isJsonPrimitive() || !line.getAsJsonPrimitive().isString()) {
                return null;
            }
            text.append(line.getAsString());
        }
        return text.toString();
    }
}
