package org.lenetlab.notebook;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;

/**
 * JSON in and out of notebook files: strict parsing with errors that say where, and writing exactly as Jupyter's
 * {@code nbformat} does (keys sorted, one-space indent, a final newline), so a notebook saved by LeNet Lab and
 * opened and saved again in JupyterLab shows no spurious diff.
 */
final class NotebookJson {
    private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);
    private static final Pattern POSITION = Pattern.compile("at line (\\d+) column (\\d+)");

    private NotebookJson() {
    }

    /**
     * @param text   JSON text
     * @param origin the file name, for messages
     * @return the parsed JSON
     * @throws NotebookFormatException if the text is not one complete JSON value, naming the line and column
     */
    static JsonElement parse(String text, String origin) throws NotebookFormatException {
        if (text.isBlank()) {
            throw new NotebookFormatException(origin + " is empty, not a notebook");
        }
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setLenient(false);
        try {
            JsonElement element = ELEMENTS.read(reader);
            boolean ended;
            try {
                ended = reader.peek() == JsonToken.END_DOCUMENT;
            } catch (MalformedJsonException e) {
                ended = false;
            }
            if (!ended) {
                throw new NotebookFormatException(origin + " is not valid JSON: unexpected text after the end of "
                        + "the notebook " + where(reader.toString()));
            }
            return element;
        } catch (NotebookFormatException e) {
            throw e;
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw new NotebookFormatException(origin + " is not valid JSON: " + describe(e.getMessage(), text)
                    + " (is it a notebook? Was it saved completely?)", e);
        } catch (EOFException e) {
            throw new NotebookFormatException(origin + " is not valid JSON: it ends too early, "
                    + where(e.getMessage()) + " (was it saved completely?)", e);
        } catch (IOException e) {
            throw new NotebookFormatException(origin + " could not be parsed: " + e.getMessage(), e);
        }
    }

    /** Gson's message, shortened to the problem and where it is, with the text around that place. */
    private static String describe(String message, String text) {
        if (message == null) {
            return "malformed JSON";
        }
        String firstLine = message.lines().findFirst().orElse(message).replaceAll(" path \\$\\S*", "");
        Matcher position = POSITION.matcher(firstLine);
        if (!position.find()) {
            return firstLine;
        }
        String problem = firstLine.startsWith("Use JsonReader.setLenient") ? "malformed JSON " + position.group()
                : firstLine;
        int line = Integer.parseInt(position.group(1));
        int column = Integer.parseInt(position.group(2));
        List<String> lines = text.lines().toList();
        if (line > lines.size()) {
            return problem;
        }
        String context = lines.get(line - 1);
        int from = Math.max(0, Math.min(column, context.length()) - 40);
        int to = Math.min(context.length(), from + 60);
        return problem + ", near: " + context.substring(from, to).strip();
    }

    private static String where(String readerMessage) {
        Matcher position = POSITION.matcher(readerMessage == null ? "" : readerMessage);
        return position.find() ? "at line " + position.group(1) + " column " + position.group(2) : "";
    }

    /**
     * @param json a notebook
     * @return its text as {@code nbformat} writes it
     */
    static String write(JsonElement json) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = new JsonWriter(text)) {
            writer.setIndent(" ");
            writer.setHtmlSafe(false);
            writer.setSerializeNulls(true);
            writeSorted(json, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.append('\n').toString();
    }

    private static void writeSorted(JsonElement json, JsonWriter writer) throws IOException {
        if (json == null || json.isJsonNull()) {
            writer.nullValue();
        } else if (json.isJsonObject()) {
            writer.beginObject();
            List<Map.Entry<String, JsonElement>> entries = new ArrayList<>(json.getAsJsonObject().entrySet());
            Collections.sort(entries, Map.Entry.comparingByKey());
            for (Map.Entry<String, JsonElement> entry : entries) {
                writer.name(entry.getKey());
                writeSorted(entry.getValue(), writer);
            }
            writer.endObject();
        } else if (json.isJsonArray()) {
            writer.beginArray();
            for (JsonElement element : (JsonArray) json) {
                writeSorted(element, writer);
            }
            writer.endArray();
        } else {
            var primitive = json.getAsJsonPrimitive();
            if (primitive.isBoolean()) {
                writer.value(primitive.getAsBoolean());
            } else if (primitive.isNumber()) {
                writer.value(primitive.getAsNumber());
            } else {
                writer.value(primitive.getAsString());
            }
        }
    }

    /**
     * @param object a JSON object
     * @param key    a key
     * @return the value if it is an object, else {@code null}
     */
    static JsonObject objectOrNull(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }
}
