package org.lenetlab.grading;

import java.util.Objects;

/**
 * One graded test of an exercise, as found in the compiled test classes (before any submission code runs).
 *
 * @param className  the test class
 * @param methodName the test method
 * @param points     what passing it is worth
 * @param hint       the {@link Hint}, or "" if none
 * @param visibility whether students see it
 */
public record GradedTest(String className, String methodName, int points, String hint, Visibility visibility) {

    /** Validates the fields. @param className class @param methodName method @param points points
     * @param hint hint @param visibility visibility */
    public GradedTest {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(visibility, "visibility");
        if (points < 1) {
            throw new IllegalArgumentException("test " + className + "#" + methodName
                    + " has @Points(" + points + "); points must be at least 1");
        }
    }

    /** @return {@code Class#method}, the test's identity across the parent and the child JVM */
    public String id() {
        return className + "#" + methodName;
    }

    /** @return {@code SimpleClass.method}, for people */
    public String displayName() {
        return className.substring(className.lastIndexOf('.') + 1) + "." + methodName;
    }
}
