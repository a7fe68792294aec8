package org.lenetlab.notebook;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * A kernel's {@link DisplayData} in notebook form: the MIME bundle, its metadata, and the display id (which the
 * notebook file does not keep; it only links later updates to the output they replace).
 *
 * @param data      the renderings, as the file stores them
 * @param metadata  per-MIME-type metadata
 * @param displayId the display id, {@code null} if none
 */
record Rendering(MimeBundle data, JsonObject metadata, String displayId) {
    private static final Gson GSON = new Gson();

    /**
     * @param display what the kernel produced
     * @return its notebook form; a rendering that cannot be converted becomes a {@code text/plain} note saying so
     */
    static Rendering of(DisplayData display) {
        String displayId = display.hasDisplayId() ? display.getDisplayId() : null;
        JsonObject json;
        try {
            json = GSON.toJsonTree(display).getAsJsonObject();
        } catch (JsonIOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new Rendering(MimeBundle.ofText("(this display could not be saved in the notebook: " + e + ")"),
                    new JsonObject(), displayId);
        }
        JsonObject data = NotebookJson.objectOrNull(json, "data");
        Map<String, JsonElement> renderings = new LinkedHashMap<>();
        if (data != null) {
            data.entrySet().forEach(entry -> renderings.put(entry.getKey(), entry.getValue()));
        }
        JsonObject metadata = NotebookJson.objectOrNull(json, "metadata");
        return new Rendering(MimeBundle.of(renderings), metadata == null ? new JsonObject() : metadata, displayId);
    }

    /** @return the plain-text rendering, empty if none */
    String plainText() {
        return data.text("text/plain").orElse("");
    }
}
