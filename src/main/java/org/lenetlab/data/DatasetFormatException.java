package org.lenetlab.data;

/**
 * A dataset file exists but its content is not what it should be: wrong IDX magic number, truncated data, trailing
 * bytes, corrupt gzip, image and label counts that disagree, a file in an image folder that is not an image.
 */
public class DatasetFormatException extends DatasetException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the file, what is wrong and what to do
     */
    public DatasetFormatException(String message) {
        super(message);
    }

    /**
     * @param message the file, what is wrong and what to do
     * @param cause   the underlying error (e.g. from the gzip decoder)
     */
    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
