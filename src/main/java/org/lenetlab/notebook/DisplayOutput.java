package org.lenetlab.notebook;

import java.util.Objects;

import com.google.gson.JsonObject;

/**
 * Something a cell displayed ({@code display(obj)}): an image, a table, a chart, a progress bar.
 *
 * @param data     the renderings
 * @param metadata per-MIME-type metadata (image size, ...), often empty
 */
public record DisplayOutput(MimeBundle data, JsonObject metadata) implements Output {

    /** Copies the metadata. */
    public DisplayOutput {
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
        return "display_data";
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("output_type", outputType());
        json.add("data", data.toJson());
        json.add("metadata", metadata.deepCopy());
        return json;
    }
}
