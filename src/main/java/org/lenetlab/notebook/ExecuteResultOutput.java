package org.lenetlab.notebook;

import java.util.Objects;

import com.google.gson.JsonObject;

/**
 * The value of a cell's last expression, shown as {@code Out[n]}.
 *
 * @param executionCount the cell's execution count, {@code null} if unknown (allowed by nbformat)
 * @param data           the renderings
 * @param metadata       per-MIME-type metadata, often empty
 */
public record ExecuteResultOutput(Integer executionCount, MimeBundle data, JsonObject metadata) implements Output {

    /** Copies the metadata. */
    public ExecuteResultOutput {
        Objects.requireNonNull(data, "data");
        metadata = metadata == null ? new JsonObject() : metadata.deepCopy();
    }

    /** @return a copy of the metadata */
    @Override
    public JsonObject metadata() {
        return metadata.deepCopy();
    }

    @Override
    public String outputType() {
        return "execute_result";
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("output_type", outputType());
        json.add("execution_count", executionCount == null ? com.google.gson.JsonNull.INSTANCE
                : new com.google.gson.JsonPrimitive(executionCount));
        json.add("data", data.toJson());
        json.add("metadata", metadata.deepCopy());
        return json;
    }
}
