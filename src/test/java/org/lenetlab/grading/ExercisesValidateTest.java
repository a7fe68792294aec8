package org.lenetlab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's {@code exercises validate}: every reference solution earns full marks on visible and hidden tests, every
 * untouched stub earns zero. Also the student bundle and student feedback never contain hidden material.
 */
class ExercisesValidateTest {
    private static final ExerciseCatalog CATALOG = ExerciseCatalog.load(Path.of("exercises"));

    @Test
    void everyExerciseValidatesBothWays() {
        List<Validator.Outcome> outcomes = new Validator(new Grader(CATALOG, GradingLimits.DEFAULT)).validateAll();
        assertTrue(outcomes.size() >= 6, "at least six exercises");
        for (Validator.Outcome o : outcomes) {
            assertTrue(o.valid(), o.describe());
            assertTrue(o.solution().maxScore() > 0);
            assertFalse(o.solution().tests(Visibility.HIDDEN).isEmpty(), o.solution().exercise().name() + " hidden tests");
            assertTrue(o.stub().tests().stream().allMatch(t -> !t.passed()));
        }
    }

    @Test
    void everyExerciseNamesItsChapter() {
        for (Exercise e : CATALOG.exercises()) {
            assertTrue(e.chapter().matches("\\d{2}-[a-z0-9-]+\\.ipynb"), e.name() + ": " + e.chapter());
        }
    }

    @Test
    void studentBundleHasNoSolutionsNorHiddenTests(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("bundle");
        List<Path> files = BundleExporter.export(CATALOG, out);
        assertFalse(files.isEmpty());
        for (Path f : files) {
            String s = f.toString().replace('\\', '/');
            assertFalse(s.contains("/solution/") || s.contains("/hidden/") || s.contains("Hidden"), s);
        }
        assertEquals(6 * 3, files.size(), "task, stub and visible test of each of the six exercises");
        ExerciseCatalog bundle = ExerciseCatalog.load(out);
        assertTrue(bundle.exercises().stream().allMatch(e -> e.testSources().get(Visibility.HIDDEN).isEmpty()));
        assertThrows(IllegalArgumentException.class, () -> BundleExporter.export(CATALOG, out),
                "a non-empty target is refused");
        ExerciseResult graded = new Grader(bundle, GradingLimits.DEFAULT).gradeWorkingCopy(bundle.find("3"));
        String feedback = StudentFeedback.render(List.of(graded));
        assertTrue(feedback.contains("FAIL balancedDataGivesOnes"), feedback);
        assertTrue(feedback.contains("not implemented yet: ClassWeights.balanced"), feedback);
        assertTrue(feedback.contains("hint: Balanced classes all get weight 1"), feedback);
        assertTrue(feedback.contains("score 0/6"), feedback);
        assertFalse(feedback.contains("Hidden"), feedback);
    }

    @Test
    void instructorGradingWithHiddenTestsNeverShowsThemToStudents() {
        Exercise e = CATALOG.find("03");
        ExerciseResult r = new Grader(CATALOG, GradingLimits.DEFAULT).grade(e,
                Exercise.readJavaSources(e.solutionDirectory()), true);
        assertEquals(11, r.maxScore());
        String feedback = StudentFeedback.render(List.of(r));
        assertFalse(feedback.contains("Hidden"), feedback);
        assertTrue(feedback.contains("score 6/6"), feedback);
    }

    @Test
    void submissionThatDoesNotCompileGetsZeroWithTheCompilerMessage(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s1/03-class-weights/src/org/lenetlab/exercises/imbalance/ClassWeights.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package org.lenetlab.exercises.imbalance;\npublic final class ClassWeights {\n"
                + "    public static double[] balanced(int[] labels, int n) { return oops; }\n}\n");
        Exercise e = CATALOG.find("03");
        ExerciseResult r = new Grader(CATALOG, GradingLimits.DEFAULT).grade(e,
                Exercise.readJavaSources(dir.resolve("s1/03-class-weights/src")), true);
        assertEquals(0, r.score());
        assertTrue(r.problem().contains("ClassWeights.java:3") && r.problem().contains("oops"), r.problem());
    }

    @Test
    void badInputIsRefusedWithClearMessages(@TempDir Path dir) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CATALOG.find("42")).getMessage()
                .contains("03-class-weights"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExerciseCatalog.load(dir.resolve("none")))
                .getMessage().contains("no exercises folder"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExerciseCatalog.load(dir))
                .getMessage().contains("no exercise folders"));
        assertThrows(IllegalArgumentException.class, () -> GradingLimits.DEFAULT.withHeapMegabytes(10));
    }
}
