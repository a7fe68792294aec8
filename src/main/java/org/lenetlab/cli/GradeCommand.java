package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.lenetlab.grading.ExerciseCatalog;
import org.lenetlab.grading.ExerciseResult;
import org.lenetlab.grading.GradeReports;
import org.lenetlab.grading.Grader;
import org.lenetlab.grading.GradingLimits;
import org.lenetlab.grading.StudentFeedback;
import org.lenetlab.grading.SubmissionResult;
import org.lenetlab.io.AtomicFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lenet grade}: students grade their own exercises ({@code grade 03}, {@code grade all}); instructors grade
 * a folder of submissions into a CSV gradebook, JUnit XML or Gradescope {@code results.json} files.
 */
@Command(name = "grade", description = {"Grade exercises.",
        "  Students:    ./lenet grade 03      ./lenet grade all",
        "  Instructors: ./lenet grade --submissions DIR --format csv|junit|gradescope [--out PATH]"})
final class GradeCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "EXERCISE", description = "exercise number (e.g. 03) or 'all'")
    String exercise;

    @Option(names = "--exercises", paramLabel = "DIR", description = "the exercises folder (default: the course's)")
    Path exercises;

    @Option(names = "--submissions", paramLabel = "DIR",
            description = "instructor: a folder with one sub-folder per student submission")
    Path submissions;

    @Option(names = "--format", defaultValue = "csv",
            description = "instructor output: csv, junit or gradescope (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "PATH",
            description = "output file (csv, junit) or folder (gradescope: <out>/<submission>/results.json)")
    Path out;

    @Option(names = "--leaderboard", description = "gradescope: add the total to the leaderboard")
    boolean leaderboard;

    @Option(names = "--per-test-seconds", defaultValue = "10", description = "time limit per test")
    int perTestSeconds;

    @Option(names = "--per-submission-seconds", defaultValue = "120",
            description = "time limit per exercise of a submission")
    int perSubmissionSeconds;

    @Option(names = "--heap-mb", defaultValue = "512", description = "heap limit of the test JVM")
    int heapMegabytes;

    @Override
    public Integer call() throws IOException {
        GradingLimits limits = GradingLimits.DEFAULT.withPerTest(Duration.ofSeconds(perTestSeconds))
                .withPerSubmission(Duration.ofSeconds(perSubmissionSeconds)).withHeapMegabytes(heapMegabytes);
        Grader grader = new Grader(ExerciseCatalog.load(exercises == null ? ExercisesCommand.defaultRoot() : exercises),
                limits);
        if (submissions != null) {
            return gradeSubmissions(grader);
        }
        if (exercise == null) {
            throw new IllegalArgumentException("name an exercise ('./lenet grade 03') or 'all'"
                    + " ('./lenet grade all'); instructors pass --submissions DIR");
        }
        List<ExerciseResult> results = exercise.equalsIgnoreCase("all")
                ? grader.catalog().exercises().stream().map(grader::gradeWorkingCopy).toList()
                : List.of(grader.gradeWorkingCopy(grader.catalog().find(exercise)));
        System.out.print(StudentFeedback.render(results));
        return 0;
    }

    private int gradeSubmissions(Grader grader) throws IOException {
        if (exercise != null) {
            throw new IllegalArgumentException("--submissions grades every exercise; drop '" + exercise + "'");
        }
        List<SubmissionResult> results = grader.gradeSubmissions(submissions);
        // written only after every submission ran, atomically: nothing a submission wrote there survives
        switch (format) {
            case "csv" -> report(AtomicFiles.writeString(orDefault("grades.csv"), GradeReports.csv(results)));
            case "junit" -> report(AtomicFiles.writeString(orDefault("grades.xml"), GradeReports.junitXml(results)));
            case "gradescope" -> {
                Path dir = orDefault("gradescope");
                for (SubmissionResult r : results) {
                    report(AtomicFiles.writeString(dir.resolve(r.name()).resolve("results.json"),
                            GradeReports.gradescope(r, leaderboard)));
                }
            }
            default -> throw new IllegalArgumentException("unknown --format '" + format
                    + "'; use csv, junit or gradescope");
        }
        results.forEach(r -> System.out.printf("%-30s %d/%d%n", r.name(), r.score(), r.maxScore()));
        return 0;
    }

    private Path orDefault(String name) {
        return out != null ? out : Path.of(name);
    }

    private static void report(Path written) {
        System.out.println("wrote " + written);
    }
}
