package org.lenetlab.grading;

import java.util.Objects;

/**
 * The outcome of one graded test.
 *
 * @param test    the test
 * @param passed  whether it passed
 * @param message why it failed (the assertion message, "not implemented yet: ...", a time or memory limit), or ""
 */
public record TestResult(GradedTest test, boolean passed, String message) {

    /** Validates the fields. @param test test @param passed passed @param message message */
    public TestResult {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(message, "message");
    }

    /** @return the points earned: all of them or none */
    public int score() {
        return passed ? test.points() : 0;
    }
}
