package org.lenetlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST by Zalando Research: 28×28 grayscale photos of clothing in ten classes, 60,000 train / 10,000
 * test, a drop-in replacement for MNIST that is harder to classify. On Debian and Ubuntu the package
 * {@code dataset-fashion-mnist} installs it under {@code /usr/share/datasets/fashion-mnist}.
 */
public final class FashionMnist {
    /** Class names by label, as published. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /**
     * Fashion-MNIST from the standard sources: cache, then the Debian package, then a download.
     *
     * @param split train (60,000) or test (10,000)
     * @return the images, {@code N×1×28×28}, pixels in [0, 1]
     * @throws DatasetException if no source has the files or they are damaged
     * @throws IOException      if reading fails
     */
    public static ImageDataset load(Split split) throws IOException {
        return load(split, DataSource.standard(null).toArray(DataSource[]::new));
    }

    /**
     * Fashion-MNIST from a directory the user chose, falling back to the standard sources.
     *
     * @param split train or test
     * @param dir   a directory with the IDX files (compressed or not)
     * @return the images
     * @throws DatasetException if no source has the files or they are damaged
     * @throws IOException      if reading fails
     */
    public static ImageDataset load(Split split, Path dir) throws IOException {
        return load(split, DataSource.standard(dir).toArray(DataSource[]::new));
    }

    /**
     * Fashion-MNIST from the first of the given sources that has it.
     *
     * @param split   train or test
     * @param sources where to look, in order
     * @return the images
     * @throws DatasetException if no source has the files or they are damaged
     * @throws IOException      if reading fails
     */
    public static ImageDataset load(Split split, DataSource... sources) throws IOException {
        return IdxDatasetLoader.load(manifest(), split, CLASS_NAMES, List.of(sources),
                "; or install the Debian package: sudo apt-get install dataset-fashion-mnist.");
    }

    /**
     * @return the manifest of Fashion-MNIST (files, sizes, SHA-256, mirrors, Debian package)
     * @throws IOException if it cannot be read
     */
    public static DatasetManifest manifest() throws IOException {
        return DatasetManifest.load("fashion-mnist");
    }
}
