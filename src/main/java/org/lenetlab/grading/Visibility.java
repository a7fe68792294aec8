package org.lenetlab.grading;

/** Whether students see a test and its outcome (tests/visible) or only the instructor does (tests/hidden). */
public enum Visibility {
    /** Shipped to students; its result, message and hint are shown to them. */
    VISIBLE,
    /** Kept by the instructor; never exported, never shown in student feedback. */
    HIDDEN;

    /** @return the folder under an exercise's {@code tests/} that holds tests of this visibility */
    public String folder() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
