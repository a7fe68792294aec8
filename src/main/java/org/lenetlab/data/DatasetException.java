package org.lenetlab.data;

import java.io.IOException;

/**
 * Something is wrong with a dataset file, folder or download. The message always names the file (or folder, or
 * URL), says what is wrong and what to do about it, so it can be shown to a learner as it is.
 */
public class DatasetException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what to do
     */
    public DatasetException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause   the underlying error
     */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
