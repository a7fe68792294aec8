package org.lenetlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * What a downloadable dataset consists of: its files with their sizes and SHA-256 hashes, the mirrors that serve
 * them and, where one exists, the Debian package that installs them.
 *
 * <p>The manifests live in {@code data/manifests/*.json} (the documented copy) and on the class path under
 * {@code org/lenetlab/data/manifests/}; a test keeps the two identical. A file is downloaded from
 * {@code mirror + name}, mirrors tried in order.
 *
 * @param dataset       catalog name, e.g. {@code "mnist"}
 * @param title         human name, e.g. {@code "Fashion-MNIST"}
 * @param homepage      where the dataset is described
 * @param licence       licence of the data
 * @param mirrors       base URLs, each ending in {@code /}, in the order they are tried
 * @param debianPackage the Debian package that installs the files, if any
 * @param files         the files
 */
public record DatasetManifest(String dataset, String title, String homepage, String licence, List<URI> mirrors,
                              Optional<DebianPackage> debianPackage, List<FileEntry> files) {

    /** Class-path folder of the bundled manifests. */
    public static final String RESOURCE_DIR = "/org/lenetlab/data/manifests/";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * One file of a dataset.
     *
     * @param name          file name, e.g. {@code train-images-idx3-ubyte.gz}
     * @param size          size in bytes of the file as published
     * @param sha256        SHA-256 of the file as published, lower-case hex
     * @param contentSize   size of the decompressed content (the IDX file itself)
     * @param contentSha256 SHA-256 of the decompressed content; identical for every copy of the data however it
     *                      was compressed (Debian recompressed Fashion-MNIST, so its .gz hashes differ)
     */
    public record FileEntry(String name, long size, String sha256, long contentSize, String contentSha256) {
    }

    /**
     * A Debian package that installs the dataset's files.
     *
     * @param name      package name, e.g. {@code dataset-fashion-mnist}
     * @param directory where it puts the files
     */
    public record DebianPackage(String name, Path directory) {
    }

    /** Validates and freezes the lists. */
    public DatasetManifest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(title, "title");
        mirrors = List.copyOf(mirrors);
        files = List.copyOf(files);
        Objects.requireNonNull(debianPackage, "debianPackage");
    }

    /**
     * Loads a bundled manifest by dataset name.
     *
     * @param dataset e.g. {@code "mnist"} or {@code "fashion-mnist"}
     * @return the manifest
     * @throws DatasetMissingException if no manifest of that name is bundled
     * @throws DatasetFormatException  if the manifest is invalid
     * @throws IOException             if reading fails
     */
    public static DatasetManifest load(String dataset) throws IOException {
        String resource = RESOURCE_DIR + dataset + ".json";
        try (InputStream in = DatasetManifest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DatasetMissingException("no manifest for dataset '" + dataset + "' on the class path ("
                        + resource + "); the jar is incomplete: rebuild it with ./mvnw package");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "class path " + resource);
        }
    }

    /**
     * Parses and validates a manifest.
     *
     * @param json   the JSON text
     * @param origin where it came from, for messages
     * @return the manifest
     * @throws DatasetFormatException if a field is missing or invalid
     */
    public static DatasetManifest parse(Reader json, String origin) throws DatasetFormatException {
        Json raw;
        try {
            raw = new Gson().fromJson(json, Json.class);
        } catch (JsonParseException e) {
            throw new DatasetFormatException("manifest " + origin + " is not valid JSON: " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new DatasetFormatException("manifest " + origin + " is empty");
        }
        require(raw.dataset != null && !raw.dataset.isBlank(), origin, "has no \"dataset\" name");
        require(raw.mirrors != null && !raw.mirrors.isEmpty(), origin, "lists no \"mirrors\"");
        require(raw.files != null && !raw.files.isEmpty(), origin, "lists no \"files\"");
        List<URI> mirrors = new ArrayList<>();
        for (String m : raw.mirrors) {
            mirrors.add(mirror(m, origin));
        }
        List<FileEntry> files = new ArrayList<>();
        for (JsonFile f : raw.files) {
            require(f.name != null && !f.name.isBlank() && !f.name.contains("/") && !f.name.contains("\\"), origin,
                    "has a file without a plain \"name\": " + f.name);
            require(f.size > 0, origin, "gives file " + f.name + " size " + f.size + "; it must be positive");
            require(f.sha256 != null && SHA256.matcher(f.sha256).matches(), origin,
                    "gives file " + f.name + " sha256 '" + f.sha256 + "'; it must be 64 lower-case hex digits");
            require(f.contentSha256 == null || SHA256.matcher(f.contentSha256).matches(), origin,
                    "gives file " + f.name + " contentSha256 '" + f.contentSha256 + "'; it must be 64 lower-case"
                            + " hex digits");
            files.add(new FileEntry(f.name, f.size, f.sha256, f.contentSize, f.contentSha256));
        }
        Optional<DebianPackage> debian = Optional.empty();
        if (raw.debianPackage != null) {
            require(raw.debianPackage.name != null && raw.debianPackage.directory != null, origin,
                    "has a \"debianPackage\" without \"name\" and \"directory\"");
            debian = Optional.of(new DebianPackage(raw.debianPackage.name, Path.of(raw.debianPackage.directory)));
        }
        return new DatasetManifest(raw.dataset, raw.title == null ? raw.dataset : raw.title,
                raw.homepage == null ? "" : raw.homepage, raw.licence == null ? "" : raw.licence, mirrors, debian,
                files);
    }

    /**
     * @param name a file name
     * @return the manifest entry of that file
     * @throws IllegalArgumentException if the dataset has no such file
     */
    public FileEntry file(String name) {
        for (FileEntry f : files) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s has no file %s; its files are %s", title,
                name, files.stream().map(FileEntry::name).toList()));
    }

    /**
     * The same manifest served from other mirrors (a local server in tests, an institute's mirror).
     *
     * @param baseUrls base URLs, each ending in {@code /}
     * @return a copy with these mirrors
     */
    public DatasetManifest withMirrors(List<URI> baseUrls) {
        return new DatasetManifest(dataset, title, homepage, licence, baseUrls, debianPackage, files);
    }

    /**
     * @param mirror a base URL of this manifest
     * @param file   a file name
     * @return where that mirror serves the file
     */
    public static URI urlOf(URI mirror, String file) {
        return mirror.resolve(file);
    }

    private static URI mirror(String text, String origin) throws DatasetFormatException {
        try {
            URI uri = new URI(text);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            require(http && uri.getHost() != null && uri.getPath().endsWith("/"), origin,
                    "has mirror '" + text + "'; mirrors must be http(s) URLs ending in /");
            return uri;
        } catch (URISyntaxException e) {
            throw new DatasetFormatException("manifest " + origin + " has mirror '" + text + "', which is not a URL: "
                    + e.getMessage(), e);
        }
    }

    private static void require(boolean ok, String origin, String problem) throws DatasetFormatException {
        if (!ok) {
            throw new DatasetFormatException("manifest " + origin + " " + problem + ".");
        }
    }

    /** The JSON shape, filled by Gson. */
    private static final class Json {
        String dataset;
        String title;
        String homepage;
        String licence;
        List<String> mirrors;
        JsonDebian debianPackage;
        List<JsonFile> files;
    }

    /** A file entry as written in JSON. */
    private static final class JsonFile {
        String name;
        long size;
        String sha256;
        long contentSize;
        String contentSha256;
    }

    /** A Debian package entry as written in JSON. */
    private static final class JsonDebian {
        String name;
        String directory;
    }
}
