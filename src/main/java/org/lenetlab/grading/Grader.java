package org.lenetlab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Grades exercise sources: compiles them with the exercise's tests in this process, then runs the tests in a
 * separate, resource-limited JVM ({@link ChildJvm}) and collects points per test.
 *
 * <pre>{@code
 * Grader grader = new Grader(ExerciseCatalog.load(Path.of("exercises")), GradingLimits.DEFAULT);
 * ExerciseResult mine = grader.gradeWorkingCopy(grader.catalog().find("03"));      // what a student runs
 * List<SubmissionResult> all = grader.gradeSubmissions(Path.of("submissions"));    // what an instructor runs
 * }</pre>
 */
public final class Grader {
    private final ExerciseCatalog catalog;
    private final GradingLimits limits;
    private final String classPath;
    private final Map<String, List<GradedTest>> testsCache = new ConcurrentHashMap<>();

    /**
     * @param catalog the exercises
     * @param limits  time and memory limits of each child JVM
     */
    public Grader(ExerciseCatalog catalog, GradingLimits limits) {
        this(catalog, limits, System.getProperty("java.class.path"));
    }

    /**
     * @param catalog   the exercises
     * @param limits    time and memory limits
     * @param classPath the class path with the library and JUnit that exercises compile and run against
     */
    public Grader(ExerciseCatalog catalog, GradingLimits limits, String classPath) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.classPath = absolute(Objects.requireNonNull(classPath, "classPath"));
    }

    /** Child JVMs run in a temporary working folder, so relative class path entries would point nowhere. */
    private static String absolute(String classPath) {
        return Stream.of(classPath.split(java.io.File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** @return the exercises */
    public ExerciseCatalog catalog() {
        return catalog;
    }

    /**
     * Grades the student's own working copy of an exercise (its {@code src/}) on the visible tests only: hidden
     * tests are never run for, nor shown to, a student.
     *
     * @param exercise the exercise
     * @return the result
     */
    public ExerciseResult gradeWorkingCopy(Exercise exercise) {
        return grade(exercise, Exercise.readJavaSources(exercise.sourceDirectory()), false);
    }

    /**
     * Grades sources against an exercise's tests.
     *
     * @param exercise      the exercise
     * @param sources       the student's sources, relative path to content (as under {@code src/})
     * @param includeHidden whether to run the hidden tests too (instructor grading)
     * @return the result; a submission that does not compile gets 0 on every test, with the compiler's errors
     */
    public ExerciseResult grade(Exercise exercise, Map<String, String> sources, boolean includeHidden) {
        long start = System.nanoTime();
        List<GradedTest> tests = tests(exercise, includeHidden);
        if (sources.isEmpty()) {
            return failed(exercise, tests, "not submitted: no .java files for " + exercise.name(), start);
        }
        SourceCompiler.Output compiled = SourceCompiler.compile(withTests(exercise, sources, includeHidden),
                classPath);
        if (!compiled.ok()) {
            String errors = compiled.errors().stream().limit(10).collect(Collectors.joining("\n"));
            return failed(exercise, tests, "does not compile:\n" + errors, start);
        }
        List<TestResult> results = new ChildJvm(limits, classPath).run(compiled.classes(), tests);
        return new ExerciseResult(exercise, results, "", Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Grades one submission folder: for every exercise, the sources under {@code DIR/<exercise>/src} (or
     * {@code DIR/exercises/<exercise>/src}), with hidden tests.
     *
     * @param name      the submission's name
     * @param directory its folder
     * @return the result, one entry per exercise of the catalog
     */
    public SubmissionResult gradeSubmission(String name, Path directory) {
        List<ExerciseResult> results = new ArrayList<>();
        for (Exercise e : catalog.exercises()) {
            Path src = directory.resolve(e.name()).resolve("src");
            if (!Files.isDirectory(src)) {
                src = directory.resolve("exercises").resolve(e.name()).resolve("src");
            }
            results.add(grade(e, Exercise.readJavaSources(src), true));
        }
        return new SubmissionResult(name, results);
    }

    /**
     * Grades every sub-folder of a folder of submissions (one folder per student), one after the other; nothing a
     * submission does stops the grading of the others.
     *
     * @param submissions the folder
     * @return the results, by folder name
     * @throws IllegalArgumentException if the folder does not exist or has no sub-folders
     */
    public List<SubmissionResult> gradeSubmissions(Path submissions) {
        if (!Files.isDirectory(submissions)) {
            throw new IllegalArgumentException("no submissions folder at " + submissions.toAbsolutePath());
        }
        List<Path> folders;
        try (Stream<Path> list = Files.list(submissions)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + submissions + ": " + e.getMessage(), e);
        }
        if (folders.isEmpty()) {
            throw new IllegalArgumentException(submissions.toAbsolutePath()
                    + " holds no submission folders; put each student's exercises in a folder of its own");
        }
        List<SubmissionResult> results = new ArrayList<>();
        for (Path folder : folders) {
            results.add(gradeSubmission(folder.getFileName().toString(), folder));
        }
        return results;
    }

    /**
     * The graded tests of an exercise, found by compiling the tests with the exercise's own stub (never with a
     * submission, so a submission cannot change what is graded).
     *
     * @param exercise      the exercise
     * @param includeHidden whether to include the hidden tests
     * @return the tests, visible first
     * @throws IllegalStateException if the stub and the tests do not compile together
     */
    public List<GradedTest> tests(Exercise exercise, boolean includeHidden) {
        return testsCache.computeIfAbsent(exercise.name() + "/" + includeHidden, k -> {
            SourceCompiler.Output out = SourceCompiler.compile(
                    withTests(exercise, Exercise.readJavaSources(exercise.sourceDirectory()), includeHidden),
                    classPath);
            if (!out.ok()) {
                throw new IllegalStateException("exercise " + exercise.name()
                        + ": the stub and the tests do not compile together:\n" + String.join("\n", out.errors()));
            }
            Map<String, Visibility> testClasses = new LinkedHashMap<>();
            exercise.tests(includeHidden).forEach((v, files) -> files.keySet().forEach(
                    path -> testClasses.put(path.substring(0, path.length() - ".java".length()).replace('/', '.'),
                            v)));
            return List.copyOf(TestDiscovery.discover(out.classes(), testClasses));
        });
    }

    private static Map<String, String> withTests(Exercise exercise, Map<String, String> sources,
                                                 boolean includeHidden) {
        Map<String, String> all = new LinkedHashMap<>();
        sources.forEach((path, text) -> all.put("src/" + path, text));
        exercise.tests(includeHidden).forEach((v, files) -> files.forEach(
                (path, text) -> all.put("tests/" + v.folder() + "/" + path, text)));
        return all;
    }

    private static ExerciseResult failed(Exercise exercise, List<GradedTest> tests, String problem, long start) {
        List<TestResult> results = tests.stream().map(t -> new TestResult(t, false, problem)).toList();
        return new ExerciseResult(exercise, results, problem, Duration.ofNanos(System.nanoTime() - start));
    }
}
