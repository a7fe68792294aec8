package org.lenetlab.grading;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one submission did on one exercise.
 *
 * @param exercise the exercise
 * @param tests    every graded test's result, visible first
 * @param problem  what went wrong for the exercise as a whole (not submitted, does not compile), or ""
 * @param elapsed  wall-clock time spent grading it
 */
public record ExerciseResult(Exercise exercise, List<TestResult> tests, String problem, Duration elapsed) {

    /** Freezes the fields. @param exercise e @param tests t @param problem p @param elapsed d */
    public ExerciseResult {
        Objects.requireNonNull(exercise, "exercise");
        tests = List.copyOf(tests);
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return points earned */
    public int score() {
        return tests.stream().mapToInt(TestResult::score).sum();
    }

    /** @return points available */
    public int maxScore() {
        return tests.stream().mapToInt(t -> t.test().points()).sum();
    }

    /**
     * @param visibility which tests
     * @return the results of the tests of that visibility
     */
    public List<TestResult> tests(Visibility visibility) {
        return tests.stream().filter(t -> t.test().visibility() == visibility).toList();
    }
}
