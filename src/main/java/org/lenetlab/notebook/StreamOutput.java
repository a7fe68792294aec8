package org.lenetlab.notebook;

import java.util.Objects;

import com.google.gson.JsonObject;

/**
 * Text a cell wrote to {@code stdout} or {@code stderr}.
 *
 * @param name {@code stdout} or {@code stderr}
 * @param text the text, possibly many writes merged
 */
public record StreamOutput(String name, String text) implements Output {

    /** Checks the stream name. */
    public StreamOutput {
        Objects.requireNonNull(text, "text");
        if (!"stdout".equals(name) && !"stderr".equals(name)) {
            throw new IllegalArgumentException("stream name must be stdout or stderr, not " + name);
        }
    }

    @Override
    public String outputType() {
        return "stream";
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("output_type", outputType());
        json.addProperty("name", name);
        json.add("text", Lines.toJsonArray(text));
        return json;
    }
}
