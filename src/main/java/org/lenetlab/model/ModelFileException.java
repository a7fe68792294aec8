package org.lenetlab.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that cannot be loaded, with the reason in words that say what to do. {@link #reason()} lets
 * callers react (the CLI prints the message; tests check the reason).
 */
public class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why a model file cannot be loaded. */
    public enum Reason {
        /** There is no file at that path. */
        MISSING,
        /** The file is not a zip archive at all. */
        NOT_A_ZIP,
        /** The file starts like a zip archive but is cut short or corrupted. */
        DAMAGED,
        /** The file is a readable zip archive, but not a DL4J model. */
        NOT_A_MODEL,
        /** The model is fine but its LeNet Lab metadata is unreadable or contradicts it. */
        BAD_METADATA
    }

    /** The model file (not serialised: paths are not serialisable). */
    private final transient Path file;
    /** Why it cannot be loaded. */
    private final Reason reason;

    /**
     * @param file    the model file
     * @param reason  why it cannot be loaded
     * @param message what is wrong and what to do
     * @param cause   the underlying error, or null
     */
    public ModelFileException(Path file, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.reason = reason;
    }

    /** @return the model file */
    public Path file() {
        return file;
    }

    /** @return why it cannot be loaded */
    public Reason reason() {
        return reason;
    }
}
