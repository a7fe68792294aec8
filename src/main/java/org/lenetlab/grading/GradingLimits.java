package org.lenetlab.grading;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits for running one submission's tests in its child JVM.
 *
 * @param perTest       wall-clock time one test (or one test class's set-up) may take before the child is killed
 * @param perSubmission wall-clock time all tests of one exercise of one submission may take together
 * @param startup       time the child JVM may take to start and report that it is ready
 * @param heapMegabytes the child's {@code -Xmx}; exceeding it fails the running test
 */
public record GradingLimits(Duration perTest, Duration perSubmission, Duration startup, int heapMegabytes) {

    /** Defaults: 10 s per test, 120 s per exercise of a submission, 20 s to start, 512 MB heap. */
    public static final GradingLimits DEFAULT =
            new GradingLimits(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(20), 512);

    /**
     * Validates the limits.
     *
     * @param perTest       positive
     * @param perSubmission positive
     * @param startup       positive
     * @param heapMegabytes at least 64
     */
    public GradingLimits {
        requirePositive(perTest, "per-test time limit");
        requirePositive(perSubmission, "per-submission time limit");
        requirePositive(startup, "start-up time limit");
        if (heapMegabytes < 64) {
            throw new IllegalArgumentException("the child JVM heap must be at least 64 MB, got " + heapMegabytes);
        }
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, got " + d);
        }
    }

    /**
     * @param value new per-test limit
     * @return a copy with that limit
     */
    public GradingLimits withPerTest(Duration value) {
        return new GradingLimits(value, perSubmission, startup, heapMegabytes);
    }

    /**
     * @param value new per-submission limit
     * @return a copy with that limit
     */
    public GradingLimits withPerSubmission(Duration value) {
        return new GradingLimits(perTest, value, startup, heapMegabytes);
    }

    /**
     * @param value new heap limit in MB
     * @return a copy with that limit
     */
    public GradingLimits withHeapMegabytes(int value) {
        return new GradingLimits(perTest, perSubmission, startup, value);
    }
}
