package org.lenetlab.data;

/** The two published parts of MNIST-style datasets. */
public enum Split {
    /** The training part ({@code train-*} files). */
    TRAIN("train"),
    /** The test part ({@code t10k-*} files). */
    TEST("t10k");

    private final String filePrefix;

    Split(String filePrefix) {
        this.filePrefix = filePrefix;
    }

    /** @return the prefix of this split's IDX file names, {@code train} or {@code t10k} */
    public String filePrefix() {
        return filePrefix;
    }

    /** @return name of this split's image file, e.g. {@code train-images-idx3-ubyte.gz} */
    public String imagesFile() {
        return filePrefix + "-images-idx3-ubyte.gz";
    }

    /** @return name of this split's label file, e.g. {@code train-labels-idx1-ubyte.gz} */
    public String labelsFile() {
        return filePrefix + "-labels-idx1-ubyte.gz";
    }

    /** @return {@code "train"} or {@code "test"} */
    public String label() {
        return this == TRAIN ? "train" : "test";
    }
}
