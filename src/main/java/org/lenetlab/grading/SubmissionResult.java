package org.lenetlab.grading;

import java.util.List;
import java.util.Objects;

/**
 * How one submission (one student) did on the exercises graded.
 *
 * @param name      the submission's name (its folder name)
 * @param exercises one result per exercise, in exercise order
 */
public record SubmissionResult(String name, List<ExerciseResult> exercises) {

    /** Freezes the fields. @param name n @param exercises e */
    public SubmissionResult {
        Objects.requireNonNull(name, "name");
        exercises = List.copyOf(exercises);
    }

    /** @return points earned over all exercises */
    public int score() {
        return exercises.stream().mapToInt(ExerciseResult::score).sum();
    }

    /** @return points available over all exercises */
    public int maxScore() {
        return exercises.stream().mapToInt(ExerciseResult::maxScore).sum();
    }
}
