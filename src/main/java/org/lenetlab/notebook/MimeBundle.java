package org.lenetlab.notebook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The {@code data} of a display or result: one rendering per MIME type ({@code text/plain}, {@code text/html},
 * {@code image/png} as base64, ...), stored the way Jupyter stores it: text types as lists of lines, binary types as
 * one base64 string, JSON types as JSON. Immutable.
 */
public final class MimeBundle {
    /** An empty bundle. */
    public static final MimeBundle EMPTY = new MimeBundle(new JsonObject());

    private final JsonObject data;

    private MimeBundle(JsonObject data) {
        this.data = data;
    }

    /**
     * Wraps a bundle as read from a notebook file, keeping every value as it was written.
     *
     * @param json the {@code data} object
     * @return the bundle (a copy; later changes to {@code json} do not show)
     */
    public static MimeBundle fromJson(JsonObject json) {
        return new MimeBundle(json.deepCopy());
    }

    /**
     * Builds a bundle from renderings as a kernel produces them: text types are split into lines, JSON types given
     * as a string are parsed, everything else is kept.
     *
     * @param renderings MIME type to rendering
     * @return the bundle in Jupyter's file form
     */
    public static MimeBundle of(Map<String, JsonElement> renderings) {
        JsonObject data = new JsonObject();
        renderings.forEach((mime, value) -> data.add(mime, normalise(mime, value)));
        return new MimeBundle(data);
    }

    /**
     * @param plainText the {@code text/plain} rendering
     * @return a bundle with only that
     */
    public static MimeBundle ofText(String plainText) {
        Map<String, JsonElement> renderings = new LinkedHashMap<>();
        renderings.put("text/plain", new JsonPrimitive(plainText));
        return of(renderings);
    }

    /** @return the MIME types present, in the order they were added */
    public Set<String> mimeTypes() {
        return data.keySet();
    }

    /**
     * @param mime a MIME type
     * @return whether the bundle has a rendering of that type
     */
    public boolean has(String mime) {
        return data.has(mime);
    }

    /** @return whether the bundle has no rendering at all */
    public boolean isEmpty() {
        return data.size() == 0;
    }

    /**
     * The rendering as one string: lines joined for text types, the base64 text for binary types, the JSON text for
     * JSON types.
     *
     * @param mime a MIME type
     * @return the rendering, empty if absent
     */
    public Optional<String> text(String mime) {
        JsonElement value = data.get(mime);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isJsonPrimitive()) {
            return Optional.of(value.getAsString());
        }
        if (value.isJsonArray() && allStrings(value.getAsJsonArray())) {
            StringBuilder joined = new StringBuilder();
            value.getAsJsonArray().forEach(line -> joined.append(line.getAsString()));
            return Optional.of(joined.toString());
        }
        return Optional.of(value.toString());
    }

    /** @return the bundle as the JSON object written to the notebook (a copy) */
    public JsonObject toJson() {
        return data.deepCopy();
    }

    /** JSON types stay JSON; text types (and SVG, JavaScript) become lists of lines, as {@code nbformat} writes. */
    private static JsonElement normalise(String mime, JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return new JsonPrimitive("");
        }
        boolean isString = value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
        if (isJsonMime(mime)) {
            if (isString) {
                try {
                    return JsonParser.parseString(value.getAsString());
                } catch (JsonParseException notJson) {
                    return value;
                }
            }
            return value.deepCopy();
        }
        if (isString && isLineSplit(mime)) {
            return Lines.toJsonArray(value.getAsString());
        }
        return value.deepCopy();
    }

    /**
     * @param mime a MIME type
     * @return whether Jupyter keeps values of this type as JSON ({@code application/json}, {@code application/*+json})
     */
    static boolean isJsonMime(String mime) {
        return mime.equals("application/json") || mime.startsWith("application/") && mime.endsWith("+json");
    }

    private static boolean isLineSplit(String mime) {
        return mime.startsWith("text/") || mime.equals("image/svg+xml") || mime.equals("application/javascript");
    }

    private static boolean allStrings(JsonArray array) {
        for (JsonElement element : array) {
            if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MimeBundle other && data.equals(other.data);
    }

    @Override
    public int hashCode() {
        return data.hashCode();
    }

    @Override
    public String toString() {
        return "MimeBundle" + mimeTypes();
    }
}
