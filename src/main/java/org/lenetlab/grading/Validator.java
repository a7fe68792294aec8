package org.lenetlab.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Proves every exercise both ways, like nbgrader's {@code validate} and {@code validate --invert}: the reference
 * solution earns full marks on visible and hidden tests, and the untouched stub earns zero (every graded test
 * fails, so there are no free points).
 */
public final class Validator {
    private final Grader grader;

    /** @param grader the grader to validate with */
    public Validator(Grader grader) {
        this.grader = grader;
    }

    /**
     * The outcome for one exercise.
     *
     * @param solution the reference solution's result
     * @param stub     the stub's result
     */
    public record Outcome(ExerciseResult solution, ExerciseResult stub) {
        /** @return whether the solution has full marks and the stub none */
        public boolean valid() {
            return solution.score() == solution.maxScore() && solution.problem().isEmpty() && stub.score() == 0
                    && stub.tests().stream().noneMatch(TestResult::passed);
        }

        /** @return one line for people, and the failing tests if any */
        public String describe() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s %-28s solution %d/%d, stub %d/%d",
                    valid() ? "ok  " : "FAIL", solution.exercise().name(), solution.score(), solution.maxScore(),
                    stub.score(), stub.maxScore()));
            solution.tests().stream().filter(t -> !t.passed()).forEach(t -> s.append("\n     solution fails ")
                    .append(t.test().displayName()).append(": ").append(t.message()));
            stub.tests().stream().filter(TestResult::passed).forEach(t -> s.append("\n     stub passes ")
                    .append(t.test().displayName()).append(" (free points)"));
            return s.toString();
        }
    }

    /**
     * @param exercise the exercise
     * @return its solution's and stub's results
     * @throws IllegalArgumentException if the exercise has no reference solution (a student bundle)
     */
    public Outcome validate(Exercise exercise) {
        var solution = Exercise.readJavaSources(exercise.solutionDirectory());
        if (solution.isEmpty()) {
            throw new IllegalArgumentException("exercise " + exercise.name() + " has no reference solution in "
                    + exercise.solutionDirectory() + "; validate runs on the instructor's copy, not a student bundle");
        }
        return new Outcome(grader.grade(exercise, solution, true),
                grader.grade(exercise, Exercise.readJavaSources(exercise.sourceDirectory()), true));
    }

    /** @return one outcome per exercise of the catalog */
    public List<Outcome> validateAll() {
        List<Outcome> all = new ArrayList<>();
        grader.catalog().exercises().forEach(e -> all.add(validate(e)));
        return all;
    }
}
