package org.lenetlab.notebook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.lenetlab.io.AtomicFiles;

/**
 * A Jupyter notebook in format 4 ({@code .ipynb}): metadata and cells. Reads what Jupyter, VS Code and nbformat
 * write (sources and texts as strings or lists of lines), keeps all metadata, and writes the file the way
 * {@code nbformat} does. Immutable: {@link #withCells} and {@link #withMetadata} return changed copies.
 */
public final class Notebook {
    /** The notebook format major version this class reads and writes. */
    public static final int FORMAT = 4;
    /** Minor format of notebooks created here (4.5: cells have ids). */
    public static final int FORMAT_MINOR = 5;
    /** Name of LeNet Lab's Jupyter kernel ({@code kernelspec.name}). */
    public static final String KERNEL_NAME = "lenetlab";
    /** What Jupyter shows for LeNet Lab's kernel ({@code kernelspec.display_name}). */
    public static final String KERNEL_DISPLAY_NAME = "Java (LeNet Lab)";

    private final int format;
    private final int formatMinor;
    private final JsonObject metadata;
    private final List<Cell> cells;

    /**
     * @param format      the {@code nbformat} major version (4)
     * @param formatMinor the {@code nbformat_minor} version
     * @param metadata    notebook metadata (kernelspec, language_info, anything else), kept as is
     * @param cells       the cells in order; from format 4.5 on, cells without an id or with one used before get a
     *                    fresh id
     */
    public Notebook(int format, int formatMinor, JsonObject metadata, List<Cell> cells) {
        if (format != FORMAT) {
            throw new IllegalArgumentException("only notebook format 4 is supported, not " + format);
        }
        this.format = format;
        this.formatMinor = formatMinor;
        this.metadata = metadata == null ? new JsonObject() : metadata.deepCopy();
        this.cells = formatMinor >= FORMAT_MINOR ? withUniqueIds(cells) : List.copyOf(Objects.requireNonNull(cells,
                "cells"));
    }

    /** Format 4.5 requires unique cell ids: missing or repeated ones get fresh ids, as {@code nbformat} repairs. */
    private static List<Cell> withUniqueIds(List<Cell> cells) {
        Set<String> seen = new HashSet<>();
        List<Cell> result = new ArrayList<>(cells.size());
        for (Cell cell : cells) {
            String id = cell.id();
            if (id == null || !seen.add(id)) {
                do {
                    id = Cell.newId();
                } while (!seen.add(id));
                cell = new Cell(cell.type(), id, cell.source(), cell.metadata(), cell.attachments(), cell.outputs(),
                        cell.executionCount());
            }
            result.add(cell);
        }
        return List.copyOf(result);
    }

    /**
     * A new notebook for LeNet Lab's Java kernel (format 4.5).
     *
     * @param cells the cells
     * @return the notebook, with {@link #kernelspec()} and {@link #languageInfo()} metadata
     */
    public static Notebook of(List<Cell> cells) {
        JsonObject metadata = new JsonObject();
        metadata.add("kernelspec", kernelspec());
        metadata.add("language_info", languageInfo());
        return new Notebook(FORMAT, FORMAT_MINOR, metadata, cells);
    }

    /** @return the {@code kernelspec} metadata of LeNet Lab's kernel: name, display name, language */
    public static JsonObject kernelspec() {
        JsonObject spec = new JsonObject();
        spec.addProperty("display_name", KERNEL_DISPLAY_NAME);
        spec.addProperty("language", "java");
        spec.addProperty("name", KERNEL_NAME);
        return spec;
    }

    /** @return the {@code language_info} metadata for Java on the running JVM */
    public static JsonObject languageInfo() {
        JsonObject info = new JsonObject();
        info.addProperty("name", "java");
        info.addProperty("version", Runtime.version().toString());
        info.addProperty("mimetype", "text/x-java-source");
        info.addProperty("file_extension", ".jshell");
        info.addProperty("codemirror_mode", "text/x-java");
        info.addProperty("pygments_lexer", "java");
        return info;
    }

    /**
     * Reads a notebook file.
     *
     * @param file an {@code .ipynb} file
     * @return the notebook
     * @throws NoSuchFileException     if the file does not exist
     * @throws NotebookFormatException if it is not a format 4 notebook, naming the file and the problem
     * @throws IOException             if it cannot be read
     */
    public static Notebook read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such notebook");
        }
        if (Files.isDirectory(file)) {
            throw new NotebookFormatException(file + " is a directory, not a notebook file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new NotebookFormatException(file + " is not a notebook: it is not UTF-8 text", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses notebook JSON.
     *
     * @param json   the file's text
     * @param origin the file name, for messages
     * @return the notebook
     * @throws NotebookFormatException if it is not a format 4 notebook, naming {@code origin} and the problem
     */
    public static Notebook parse(String json, String origin) throws NotebookFormatException {
        JsonElement root = NotebookJson.parse(json.startsWith("\uFEFF") ? json.substring(1) : json, origin);
        if (!root.isJsonObject()) {
            throw new NotebookFormatException(origin + " is not a Jupyter notebook: its JSON is not an object "
                    + "with \"cells\" and \"nbformat\"");
        }
        JsonObject object = root.getAsJsonObject();
        JsonElement format = object.get("nbformat");
        if (format == null) {
            throw new NotebookFormatException(origin + " is not a Jupyter notebook: it has no \"nbformat\" field");
        }
        int major = integer(format, origin + ": \"nbformat\"");
        if (major < FORMAT) {
            throw new NotebookFormatException(origin + " is in notebook format " + major + "; LeNet Lab reads "
                    + "format 4. Convert it with: jupyter nbconvert --to notebook --nbformat 4 " + origin);
        }
        if (major > FORMAT) {
            throw new NotebookFormatException(origin + " is in notebook format " + major
                    + ", newer than the format 4 LeNet Lab reads");
        }
        JsonElement minorElement = object.get("nbformat_minor");
        int minor = minorElement == null ? 0 : integer(minorElement, origin + ": \"nbformat_minor\"");
        JsonElement metadata = object.get("metadata");
        if (metadata != null && !metadata.isJsonObject()) {
            throw new NotebookFormatException(origin + ": \"metadata\" must be an object");
        }
        JsonElement cellArray = object.get("cells");
        if (cellArray == null || !cellArray.isJsonArray()) {
            throw new NotebookFormatException(origin + " is not a Jupyter notebook: it has no \"cells\" list");
        }
        List<Cell> cells = new ArrayList<>();
        JsonArray array = cellArray.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            cells.add(NotebookParser.cell(array.get(i), origin + ", cell " + (i + 1) + " of " + array.size()));
        }
        return new Notebook(major, minor, metadata == null ? null : metadata.getAsJsonObject(), cells);
    }

    private static int integer(JsonElement element, String what) throws NotebookFormatException {
        if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber()) {
            double value = element.getAsDouble();
            if (value == Math.rint(value)) {
                return (int) value;
            }
        }
        throw new NotebookFormatException(what + " must be a whole number, not " + element);
    }

    /** @return the {@code nbformat} major version (always 4) */
    public int format() {
        return format;
    }

    /** @return the {@code nbformat_minor} version */
    public int formatMinor() {
        return formatMinor;
    }

    /** @return a copy of the notebook metadata */
    public JsonObject metadata() {
        return metadata.deepCopy();
    }

    /** @return the cells in order */
    public List<Cell> cells() {
        return cells;
    }

    /** @return the code cells in order */
    public List<Cell> codeCells() {
        return cells.stream().filter(Cell::isCode).toList();
    }

    /**
     * @param newCells the cells
     * @return this notebook with other cells
     */
    public Notebook withCells(List<Cell> newCells) {
        return new Notebook(format, formatMinor, metadata, newCells);
    }

    /**
     * @param newMetadata the notebook metadata
     * @return this notebook with other metadata
     */
    public Notebook withMetadata(JsonObject newMetadata) {
        return new Notebook(format, formatMinor, newMetadata, cells);
    }

    /** @return the notebook as its JSON object */
    public JsonObject toJsonObject() {
        JsonObject json = new JsonObject();
        JsonArray cellArray = new JsonArray();
        cells.forEach(cell -> cellArray.add(cell.toJson()));
        json.add("cells", cellArray);
        json.add("metadata", metadata.deepCopy());
        json.add("nbformat", new JsonPrimitive(format));
        json.add("nbformat_minor", new JsonPrimitive(formatMinor));
        return json;
    }

    /** @return the file's text, as {@code nbformat} writes it */
    public String toJson() {
        return NotebookJson.write(toJsonObject());
    }

    /**
     * Writes the notebook atomically: readers see the old file or the complete new one.
     *
     * @param file where to write
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    public Path write(Path file) throws IOException {
        return AtomicFiles.writeString(file, toJson());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notebook other && toJsonObject().equals(other.toJsonObject());
    }

    @Override
    public int hashCode() {
        return toJsonObject().hashCode();
    }

    @Override
    public String toString() {
        return "Notebook[" + cells.size() + " cells, " + codeCells().size() + " code]";
    }
}
