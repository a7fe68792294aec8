package org.lenetlab.data;

/**
 * A dataset file or folder is not where it was looked for, or no source could provide a dataset. The message lists
 * every place that was tried.
 */
public class DatasetMissingException extends DatasetException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing, where it was looked for and what to do
     */
    public DatasetMissingException(String message) {
        super(message);
    }

    /**
     * @param message what is missing, where it was looked for and what to do
     * @param cause   the last underlying error (e.g. a failed download)
     */
    public DatasetMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
