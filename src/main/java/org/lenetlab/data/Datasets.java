package org.lenetlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The datasets by name, for the command line and notebooks:
 * <ul>
 *   <li>{@code mnist-sample}: 10,000 real MNIST digits bundled with LeNet Lab (8,000 train / 2,000 test), always
 *       available offline;</li>
 *   <li>{@code mnist}: the full MNIST (60,000 / 10,000), from the cache or downloaded;</li>
 *   <li>{@code fashion-mnist}: Fashion-MNIST (60,000 / 10,000), from the cache, the Debian package
 *       {@code dataset-fashion-mnist} or downloaded.</li>
 * </ul>
 * Names are matched ignoring case, and {@code _} counts as {@code -}.
 */
public final class Datasets {
    /** Name of the bundled MNIST sample. */
    public static final String MNIST_SAMPLE = "mnist-sample";
    /** Name of the full MNIST. */
    public static final String MNIST = "mnist";
    /** Name of Fashion-MNIST. */
    public static final String FASHION_MNIST = "fashion-mnist";

    private static final List<String> NAMES = List.of(MNIST_SAMPLE, MNIST, FASHION_MNIST);

    private Datasets() {
    }

    /** @return the valid dataset names */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * @param name a dataset name
     * @return one line saying what it is
     * @throws IllegalArgumentException if the name is unknown
     */
    public static String describe(String name) {
        return switch (canonical(name)) {
            case MNIST_SAMPLE -> "10,000 real MNIST digits bundled with LeNet Lab (8,000 train / 2,000 test),"
                    + " 28×28 grayscale, works offline";
            case MNIST -> "MNIST handwritten digits, 60,000 train / 10,000 test, 28×28 grayscale (cache or download)";
            case FASHION_MNIST -> "Fashion-MNIST clothing photos in 10 classes, 60,000 train / 10,000 test, 28×28"
                    + " grayscale (cache, Debian package dataset-fashion-mnist, or download)";
            default -> throw new IllegalStateException(name);
        };
    }

    /**
     * Loads a split of a dataset from the standard sources.
     *
     * @param name  {@code mnist-sample}, {@code mnist} or {@code fashion-mnist}
     * @param split train or test
     * @return the dataset; {@link ImageDataset#source()} says where it came from
     * @throws IllegalArgumentException if the name is unknown (the message lists the valid names)
     * @throws DatasetException         if the data is not available or damaged
     * @throws IOException              if reading fails
     */
    public static ImageDataset load(String name, Split split) throws IOException {
        return load(name, split, null);
    }

    /**
     * Loads a split of a dataset, looking first in a directory the user named.
     *
     * @param name        {@code mnist-sample}, {@code mnist} or {@code fashion-mnist}
     * @param split       train or test
     * @param explicitDir a directory with the IDX files, or {@code null}; ignored for the bundled sample
     * @return the dataset
     * @throws IllegalArgumentException if the name is unknown
     * @throws DatasetException         if the data is not available or damaged
     * @throws IOException              if reading fails
     */
    public static ImageDataset load(String name, Split split, Path explicitDir) throws IOException {
        return switch (canonical(name)) {
            case MNIST_SAMPLE -> Mnist.sample(split);
            case MNIST -> Mnist.load(split, DataSource.standard(explicitDir).toArray(DataSource[]::new));
            case FASHION_MNIST -> FashionMnist.load(split, DataSource.standard(explicitDir).toArray(DataSource[]::new));
            default -> throw new IllegalStateException(name);
        };
    }

    /**
     * The manifest of a downloadable dataset.
     *
     * @param name a dataset name
     * @return its manifest; empty for the bundled sample, which is never downloaded
     * @throws IllegalArgumentException if the name is unknown
     * @throws IOException              if the manifest cannot be read
     */
    public static Optional<DatasetManifest> manifest(String name) throws IOException {
        String canonical = canonical(name);
        return canonical.equals(MNIST_SAMPLE) ? Optional.empty() : Optional.of(DatasetManifest.load(canonical));
    }

    /**
     * Downloads all files of a dataset into the downloader's cache (files already there are kept).
     *
     * @param name       a dataset name
     * @param downloader where to and how
     * @return the cached files; empty for the bundled sample
     * @throws IllegalArgumentException if the name is unknown
     * @throws DownloadFailedException  if a file cannot be downloaded
     * @throws IOException              if the cache cannot be written
     */
    public static List<Path> download(String name, Downloader downloader) throws IOException {
        Optional<DatasetManifest> manifest = manifest(name);
        return manifest.isPresent() ? downloader.fetchAll(manifest.get()) : List.of();
    }

    /**
     * @param name a dataset name in any case, {@code _} or {@code -}
     * @return the canonical name
     * @throws IllegalArgumentException if it is not a known dataset (the message lists the valid names)
     */
    public static String canonical(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (NAMES.contains(n)) {
            return n;
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "'; valid names: " + String.join(", ", NAMES)
                + " (for your own images use an image folder, see ImageFolder)");
    }
}
