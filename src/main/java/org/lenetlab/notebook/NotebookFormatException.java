package org.lenetlab.notebook;

import java.io.IOException;

/** A file that is not a notebook LeNet Lab can read: bad JSON, an old format, missing or malformed fields. */
public final class NotebookFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the file and the problem
     */
    public NotebookFormatException(String message) {
        super(message);
    }

    /**
     * @param message names the file and the problem
     * @param cause   the parser's error
     */
    public NotebookFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
