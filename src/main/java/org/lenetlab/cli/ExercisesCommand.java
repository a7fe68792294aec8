package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.lenetlab.grading.BundleExporter;
import org.lenetlab.grading.Exercise;
import org.lenetlab.grading.ExerciseCatalog;
import org.lenetlab.grading.Grader;
import org.lenetlab.grading.GradingLimits;
import org.lenetlab.grading.Validator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lenet exercises}: list the exercises; instructors export the student bundle and validate exercises. */
@Command(name = "exercises", description = "List, export (student bundle) or validate the exercises.",
        subcommands = {ExercisesCommand.ListExercises.class, ExercisesCommand.Export.class,
                ExercisesCommand.Validate.class})
final class ExercisesCommand implements Callable<Integer> {

    /** @return the course's exercises folder: {@code $lenetlab.home/exercises}, else {@code ./exercises} */
    static Path defaultRoot() {
        String home = System.getProperty("lenetlab.home");
        return home == null ? Path.of("exercises") : Path.of(home, "exercises");
    }

    @Override
    public Integer call() {
        return new ListExercises().call();
    }

    /** {@code lenet exercises list}. */
    @Command(name = "list", description = "List the exercises and the chapters they belong to.")
    static final class ListExercises implements Callable<Integer> {
        @Option(names = "--exercises", paramLabel = "DIR", description = "the exercises folder")
        Path exercises;

        @Override
        public Integer call() {
            for (Exercise e : ExerciseCatalog.load(exercises == null ? defaultRoot() : exercises).exercises()) {
                System.out.printf("%s  %-55s %s%n", e.id(), e.title(), e.chapter());
            }
            return 0;
        }
    }

    /** {@code lenet exercises export --out DIR}. */
    @Command(name = "export", description = "Write the student bundle: tasks, stubs, visible tests (no solutions, "
            + "no hidden tests).")
    static final class Export implements Callable<Integer> {
        @Option(names = "--exercises", paramLabel = "DIR", description = "the instructor's exercises folder")
        Path exercises;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "a new or empty folder")
        Path out;

        @Override
        public Integer call() throws IOException {
            List<Path> files = BundleExporter.export(
                    ExerciseCatalog.load(exercises == null ? defaultRoot() : exercises), out);
            System.out.println("wrote " + files.size() + " files to " + out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code lenet exercises validate}. */
    @Command(name = "validate", description = "Check that every reference solution gets full marks and every "
            + "untouched stub gets zero.")
    static final class Validate implements Callable<Integer> {
        @Option(names = "--exercises", paramLabel = "DIR", description = "the instructor's exercises folder")
        Path exercises;

        @Override
        public Integer call() {
            Validator validator = new Validator(new Grader(
                    ExerciseCatalog.load(exercises == null ? defaultRoot() : exercises), GradingLimits.DEFAULT));
            boolean ok = true;
            for (Validator.Outcome o : validator.validateAll()) {
                System.out.println(o.describe());
                ok &= o.valid();
            }
            System.out.println(ok ? "all exercises valid" : "some exercises are NOT valid");
            return ok ? 0 : 1;
        }
    }
}
