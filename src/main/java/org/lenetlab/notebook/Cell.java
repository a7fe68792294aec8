package org.lenetlab.notebook;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * One notebook cell. Immutable: the {@code with...} methods return changed copies.
 *
 * @param type           code, markdown or raw
 * @param id             the cell id (nbformat 4.5 and later), {@code null} in older notebooks
 * @param source         the cell's text
 * @param metadata       the cell's metadata, kept whatever it holds
 * @param attachments    files embedded in a markdown or raw cell (name to MIME bundle), {@code null} if none
 * @param outputs        the outputs of a code cell, empty for the others
 * @param executionCount the execution count of a code cell, {@code null} if it has not run
 */
public record Cell(CellType type, String id, String source, JsonObject metadata, JsonObject attachments,
                   List<Output> outputs, Integer executionCount) {

    private static final int FIRST_LINE_WIDTH = 60;

    /** Copies the mutable parts and checks that only code cells have outputs. */
    public Cell {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        metadata = metadata == null ? new JsonObject() : metadata.deepCopy();
        attachments = attachments == null ? null : attachments.deepCopy();
        outputs = List.copyOf(outputs == null ? List.of() : outputs);
        if (type != CellType.CODE && (!outputs.isEmpty() || executionCount != null)) {
            throw new IllegalArgumentException("only code cells have outputs and an execution count, not " + type);
        }
        if (type == CellType.CODE && attachments != null) {
            throw new IllegalArgumentException("code cells have no attachments");
        }
    }

    /**
     * @param source Java code
     * @return a new code cell with a fresh id, no outputs, not run
     */
    public static Cell code(String source) {
        return new Cell(CellType.CODE, newId(), source, null, null, List.of(), null);
    }

    /**
     * @param source Markdown text
     * @return a new markdown cell with a fresh id
     */
    public static Cell markdown(String source) {
        return new Cell(CellType.MARKDOWN, newId(), source, null, null, List.of(), null);
    }

    /**
     * @param source any text
     * @return a new raw cell with a fresh id
     */
    public static Cell raw(String source) {
        return new Cell(CellType.RAW, newId(), source, null, null, List.of(), null);
    }

    /** @return a random cell id as {@code nbformat} makes them: 8 hexadecimal digits */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** @return a copy of the metadata */
    @Override
    public JsonObject metadata() {
        return metadata.deepCopy();
    }

    /** @return a copy of the attachments, {@code null} if none */
    @Override
    public JsonObject attachments() {
        return attachments == null ? null : attachments.deepCopy();
    }

    /** @return whether this is a code cell */
    public boolean isCode() {
        return type == CellType.CODE;
    }

    /** @return whether the source is empty or only white space (Jupyter does not run such code cells) */
    public boolean isBlank() {
        return source.isBlank();
    }

    /**
     * @return the first non-blank line of the source, trimmed and shortened to 60 characters, to name the cell in
     *         messages
     */
    public String firstLine() {
        for (String line : source.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                return trimmed.length() <= FIRST_LINE_WIDTH ? trimmed
                        : trimmed.substring(0, FIRST_LINE_WIDTH - 1) + "…";
            }
        }
        return "";
    }

    /**
     * @param newOutputs        the outputs
     * @param newExecutionCount the execution count, {@code null} for not run
     * @return this code cell with other outputs
     */
    public Cell withOutputs(List<Output> newOutputs, Integer newExecutionCount) {
        return new Cell(type, id, source, metadata, attachments, newOutputs, newExecutionCount);
    }

    /**
     * @param newMetadata the metadata
     * @return this cell with other metadata
     */
    public Cell withMetadata(JsonObject newMetadata) {
        return new Cell(type, id, source, newMetadata, attachments, outputs, executionCount);
    }

    /** @return the cell as written to the notebook file */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("cell_type", type.jupyterName());
        if (id != null) {
            json.addProperty("id", id);
        }
        json.add("metadata", metadata.deepCopy());
        json.add("source", Lines.toJsonArray(source));
        if (attachments != null) {
            json.add("attachments", attachments.deepCopy());
        }
        if (type == CellType.CODE) {
            JsonArray outputArray = new JsonArray();
            outputs.forEach(output -> outputArray.add(output.toJson()));
            json.add("outputs", outputArray);
            json.add("execution_count", executionCount == null ? JsonNull.INSTANCE
                    : new com.google.gson.JsonPrimitive(executionCount));
        }
        return json;
    }
}
