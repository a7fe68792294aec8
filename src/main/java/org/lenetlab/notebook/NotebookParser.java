package org.lenetlab.notebook;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Turns the JSON of cells and outputs into the model, with messages that say which cell and field is wrong. */
final class NotebookParser {
    private NotebookParser() {
    }

    static Cell cell(JsonElement element, String where) throws NotebookFormatException {
        JsonObject json = object(element, where, "a cell");
        String typeName = string(json, "cell_type", where);
        CellType type = CellType.fromJupyterName(typeName);
        if (type == null) {
            throw new NotebookFormatException(where + ": unknown cell_type \"" + typeName
                    + "\" (expected code, markdown or raw)");
        }
        String id = json.has("id") ? string(json, "id", where) : null;
        JsonElement sourceElement = json.get("source");
        String source = sourceElement == null ? "" : Lines.join(sourceElement);
        if (source == null) {
            throw new NotebookFormatException(where + ": \"source\" must be a string or a list of strings");
        }
        JsonObject metadata = optionalObject(json, "metadata", where);
        if (type != CellType.CODE) {
            return new Cell(type, id, source, metadata, optionalObject(json, "attachments", where), List.of(), null);
        }
        List<Output> outputs = new ArrayList<>();
        JsonElement outputArray = json.get("outputs");
        if (outputArray != null && !outputArray.isJsonNull()) {
            if (!outputArray.isJsonArray()) {
                throw new NotebookFormatException(where + ": \"outputs\" must be a list");
            }
            JsonArray array = outputArray.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                outputs.add(output(array.get(i), where + ", output " + (i + 1)));
            }
        }
        return new Cell(type, id, source, metadata, null, outputs, optionalCount(json, where));
    }

    static Output output(JsonElement element, String where) throws NotebookFormatException {
        JsonObject json = object(element, where, "an output");
        String type = string(json, "output_type", where);
        switch (type) {
            case "stream": {
                String name = string(json, "name", where);
                if (!name.equals("stdout") && !name.equals("stderr")) {
                    throw new NotebookFormatException(where + ": stream name must be stdout or stderr, not \""
                            + name + "\"");
                }
                return new StreamOutput(name, text(json, "text", where));
            }
            case "display_data":
                return new DisplayOutput(bundle(json, where), optionalObject(json, "metadata", where));
            case "execute_result": {
                Integer count = optionalCount(json, where);
                return new ExecuteResultOutput(count, bundle(json, where), optionalObject(json, "metadata", where));
            }
            case "error": {
                JsonElement traceback = json.get("traceback");
                List<String> lines = new ArrayList<>();
                if (traceback != null && traceback.isJsonArray()) {
                    for (JsonElement line : traceback.getAsJsonArray()) {
                        if (!line.isJsonPrimitive()) {
                            throw new NotebookFormatException(where + ": \"traceback\" must be a list of strings");
                        }
                        lines.add(line.getAsString());
                    }
                } else if (traceback != null) {
                    throw new NotebookFormatException(where + ": \"traceback\" must be a list of strings");
                }
                return new ErrorOutput(string(json, "ename", where),
                        json.has("evalue") ? string(json, "evalue", where) : "", lines);
            }
            default:
                throw new NotebookFormatException(where + ": unknown output_type \"" + type
                        + "\" (expected stream, display_data, execute_result or error)");
        }
    }

    private static MimeBundle bundle(JsonObject json, String where) throws NotebookFormatException {
        JsonObject data = optionalObject(json, "data", where);
        return data == null ? MimeBundle.EMPTY : MimeBundle.fromJson(data);
    }

    private static JsonObject object(JsonElement element, String where, String what) throws NotebookFormatException {
        if (element == null || !element.isJsonObject()) {
            throw new NotebookFormatException(where + ": expected " + what + " (a JSON object), found " + element);
        }
        return element.getAsJsonObject();
    }

    private static String string(JsonObject json, String key, String where) throws NotebookFormatException {
        JsonElement value = json.get(key);
        if (value == null) {
            throw new NotebookFormatException(where + ": missing \"" + key + "\"");
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new NotebookFormatException(where + ": \"" + key + "\" must be a string, not " + value);
        }
        return value.getAsString();
    }

    private static String text(JsonObject json, String key, String where) throws NotebookFormatException {
        JsonElement value = json.get(key);
        String text = value == null ? null : Lines.join(value);
        if (text == null) {
            throw new NotebookFormatException(where + ": \"" + key + "\" must be a string or a list of strings");
        }
        return text;
    }

    private static JsonObject optionalObject(JsonObject json, String key, String where)
            throws NotebookFormatException {
        JsonElement value = json.get(key);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonObject()) {
            throw new NotebookFormatException(where + ": \"" + key + "\" must be an object, not " + value);
        }
        return value.getAsJsonObject();
    }

    private static Integer optionalCount(JsonObject json, String where) throws NotebookFormatException {
        JsonElement value = json.get("execution_count");
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new NotebookFormatException(where + ": \"execution_count\" must be a number or null, not " + value);
        }
        return value.getAsInt();
    }
}
